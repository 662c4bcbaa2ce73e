/// A settings type that reads itself from a settings tree: its defaults and its
/// validation live in `init(_:)`, whatever the tree came from.
public protocol SettingsReadable {
    /// Reads every field this type knows from `reader`, filling defaults and naming
    /// the path of any bad value; fields it does not know are left for `finish()`.
    init(_ reader: inout SettingsReader) throws(SettingsError)
}

extension SettingsReadable {
    /// Reads a whole tree, refusing fields this type does not know.
    public static func read(_ tree: SettingValue, at path: String) throws(SettingsError) -> Self {
        var reader = try SettingsReader(tree, at: path)
        let value = try Self(&reader)
        try reader.finish()
        return value
    }

    /// The field names this type reads (found by reading an empty tree).
    public static var knownSettings: Set<String> {
        var reader = try! SettingsReader(.null, at: "")
        _ = try? Self(&reader)
        return reader.readKeys
    }
}

extension SettingValue {
    /// A map with only the entries named in `keys` (any other value is returned as is).
    public func filtered(to keys: Set<String>) -> SettingValue {
        guard case .map(let entries) = self else { return self }
        return .map(entries.filter { keys.contains($0.key) })
    }
}
