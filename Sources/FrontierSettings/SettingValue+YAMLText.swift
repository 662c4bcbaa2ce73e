import Foundation

extension SettingValue {
    /// The tree as YAML text: maps in block style with sorted keys, lists of scalars and
    /// small maps in flow style. `parse(yaml:)` reads it back to the same tree.
    public var yaml: String {
        var lines: [String] = []
        Self.appendYAML(self, indent: "", into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func appendYAML(_ value: SettingValue, indent: String, into lines: inout [String]) {
        guard case .map(let entries) = value else {
            lines.append(indent + value.flowYAML)
            return
        }
        for key in entries.keys.sorted() {
            let item = entries[key]!
            switch item {
            case .map(let inner) where !inner.isEmpty:
                lines.append("\(indent)\(yamlScalar(key)):")
                appendYAML(item, indent: indent + "  ", into: &lines)
            case .list(let items) where items.contains(where: { if case .map = $0 { return true } else { return false } }):
                lines.append("\(indent)\(yamlScalar(key)):")
                for element in items { lines.append("\(indent)  - \(element.flowYAML)") }
            default:
                lines.append("\(indent)\(yamlScalar(key)): \(item.flowYAML)")
            }
        }
    }

    /// The value on one line in YAML's flow style.
    public var flowYAML: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return SettingsReader.text(n)
        case .string(let s): return Self.yamlScalar(s)
        case .list(let items): return "[" + items.map(\.flowYAML).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.keys.sorted().map { "\(Self.yamlScalar($0)): \(entries[$0]!.flowYAML)" }
                .joined(separator: ", ") + "}"
        }
    }

    /// Text as a YAML scalar: plain when it reads back as the same text, else double-quoted
    /// (JSON's escapes are YAML's).
    public static func yamlScalar(_ text: String) -> String {
        let reserved: Set<String> = ["true", "false", "null", "~", "yes", "no", "on", "off", "y", "n"]
        let plainCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_-./ ()"))
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { plainCharacters.contains($0) }
            && text.first!.isLetter && !text.hasSuffix(" ") && !reserved.contains(text.lowercased())
        if plain { return text }
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }
}
