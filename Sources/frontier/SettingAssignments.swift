import ArgumentParser
import FrontierSettings

/// Command-line `key=value` words as a settings tree: each value is read as YAML (`500`,
/// `true`, `[64, 32]`, `gauss_legendre`), so options reach a settings type exactly as a
/// sweep file's settings would.
enum SettingAssignments {
    static func tree(_ items: [String], option: String) throws -> SettingValue {
        var entries: [String: SettingValue] = [:]
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("\(option) '\(item)': expected key=value") }
            do { entries[parts[0]] = try SettingValue.parse(yaml: parts[1]) } catch {
                throw ValidationError("\(option) \(parts[0]): \(error.message)")
            }
        }
        return .map(entries)
    }
}
