import Yams

extension SettingValue {
    /// Limits on a settings document, checked before and while it is read: a recipe or
    /// sweep file is untrusted text (it may come from a network peer).
    public struct YAMLLimits: Sendable {
        public var maximumBytes: Int
        public var maximumDepth: Int
        public init(maximumBytes: Int = 1 << 20, maximumDepth: Int = 64) {
            self.maximumBytes = maximumBytes
            self.maximumDepth = maximumDepth
        }
    }

    /// Parses a YAML document into a tree with YAML's own scalar resolution (`3` and
    /// `0.5` are numbers, `true` a flag, `"3"` text). Anchors and aliases are refused
    /// (they are never needed in a settings file and make "billion laughs" documents
    /// possible), as are keys given twice; errors name the path.
    public static func parse(yaml: String, limits: YAMLLimits = YAMLLimits()) throws(SettingsError) -> SettingValue {
        guard yaml.utf8.count <= limits.maximumBytes else {
            throw SettingsError(path: "", "the document is \(yaml.utf8.count) bytes; at most \(limits.maximumBytes) are accepted")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw SettingsError(path: "", "not valid YAML: \(error)")
        }
        guard let root else { throw SettingsError(path: "", "the document is empty") }
        return try SettingValue(yaml: root, at: "", depth: 0, limits: limits)
    }

    init(yaml node: Node, at path: String, depth: Int, limits: YAMLLimits) throws(SettingsError) {
        guard depth < limits.maximumDepth else {
            throw SettingsError(path: path, "nested more than \(limits.maximumDepth) levels deep")
        }
        switch node {
        case .scalar(let scalar):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: self = .null
            case Tag.Name.bool.rawValue: self = node.bool.map(SettingValue.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue:
                if let n = node.int { self = .number(Double(n)) }
                else if let x = node.float, x.isFinite { self = .number(x) }
                else { self = .string(scalar.string) }
            default: self = .string(scalar.string)
            }
        case .sequence(let sequence):
            var items: [SettingValue] = []
            for (i, item) in sequence.enumerated() {
                items.append(try SettingValue(yaml: item, at: "\(path)[\(i)]", depth: depth + 1, limits: limits))
            }
            self = .list(items)
        case .mapping(let mapping):
            var entries: [String: SettingValue] = [:]
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { throw SettingsError(path: path, "keys must be plain names") }
                let child = SettingsError.join(path, name)
                guard entries[name] == nil else { throw SettingsError(path: child, "given twice") }
                entries[name] = try SettingValue(yaml: value, at: child, depth: depth + 1, limits: limits)
            }
            self = .map(entries)
        case .alias:
            throw SettingsError(path: path, "YAML aliases are not supported here")
        }
    }
}
