import Yams

extension SettingValue {
    /// Limits on a settings document, checked before and while it is read: a recipe or
    /// sweep file is untrusted text (it may come from a network peer).
    public struct YAMLLimits: Sendable {
        public var maximumBytes: Int
        public var maximumDepth: Int
        /// Values (scalars, lists, maps) read in all: aliases share a node, so a short
        /// document can stand for billions of values ("billion laughs"); the count stops it.
        public var maximumValues: Int
        public init(maximumBytes: Int = 1 << 20, maximumDepth: Int = 64, maximumValues: Int = 200_000) {
            self.maximumBytes = maximumBytes
            self.maximumDepth = maximumDepth
            self.maximumValues = maximumValues
        }
    }

    /// Parses a YAML document into a tree with YAML 1.2's scalar resolution (`3` and
    /// `0.5` are numbers, `true` and `false` flags, `yes`, `no` and `"3"` text). Keys
    /// given twice are refused; aliases are expanded within `limits.maximumValues`.
    /// Errors name the path.
    public static func parse(yaml: String, limits: YAMLLimits = YAMLLimits()) throws(SettingsError) -> SettingValue {
        guard yaml.utf8.count <= limits.maximumBytes else {
            throw SettingsError(path: "", "the document is \(yaml.utf8.count) bytes; at most \(limits.maximumBytes) are accepted")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw SettingsError(path: "", "not valid YAML: \(error)")
        }
        guard let root else { throw SettingsError(path: "", "the document is empty") }
        var budget = limits.maximumValues
        return try SettingValue(yaml: root, at: "", depth: 0, limits: limits, budget: &budget)
    }

    init(yaml node: Node, at path: String, depth: Int, limits: YAMLLimits, budget: inout Int) throws(SettingsError) {
        guard depth < limits.maximumDepth else {
            throw SettingsError(path: path, "nested more than \(limits.maximumDepth) levels deep")
        }
        budget -= 1
        guard budget >= 0 else {
            throw SettingsError(path: "", "the document stands for more than \(limits.maximumValues) values "
                                + "(aliases repeated within aliases?)")
        }
        switch node {
        case .scalar(let scalar):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: self = .null
            case Tag.Name.bool.rawValue:
                // YAML 1.2: only true and false are flags; yes/no/on/off stay text (labels often are).
                let word = scalar.string.lowercased()
                self = word == "true" || word == "false" ? .bool(word == "true") : .string(scalar.string)
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue:
                if let n = node.int { self = .number(Double(n)) }
                else if let x = node.float, x.isFinite { self = .number(x) }
                else { self = .string(scalar.string) }
            default: self = .string(scalar.string)
            }
        case .sequence(let sequence):
            var items: [SettingValue] = []
            for (i, item) in sequence.enumerated() {
                items.append(try SettingValue(yaml: item, at: "\(path)[\(i)]", depth: depth + 1, limits: limits, budget: &budget))
            }
            self = .list(items)
        case .mapping(let mapping):
            var entries: [String: SettingValue] = [:]
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { throw SettingsError(path: path, "keys must be plain names") }
                let child = SettingsError.join(path, name)
                guard entries[name] == nil else { throw SettingsError(path: child, "given twice") }
                entries[name] = try SettingValue(yaml: value, at: child, depth: depth + 1, limits: limits, budget: &budget)
            }
            self = .map(entries)
        case .alias:
            throw SettingsError(path: path, "unresolved YAML alias")
        }
    }
}
