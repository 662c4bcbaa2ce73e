/// Reads a settings map field by field with typed defaults, naming the field of
/// any bad value (`jobs[1].settings.epochs: expected an integer`) and refusing
/// fields nobody read, so a typo (`hiden`) is never ignored.
///
/// A settings type reads itself from a reader (its `init(_ reader: inout SettingsReader)`),
/// so its defaults and validation live in one place whether the values come from a
/// sweep file, a stored job spec, a recipe or command-line options.
public struct SettingsReader {
    public let path: String
    private let entries: [String: SettingValue]
    private var read: Set<String> = []

    /// A reader of `value`, which must be a map (or absent/null, meaning all defaults).
    public init(_ value: SettingValue, at path: String) throws(SettingsError) {
        guard let entries = value.mapValue else { throw SettingsError(path: path, "expected a map, found \(value.kindName)") }
        self.path = path
        self.entries = entries
    }

    /// The path of a field, e.g. `jobs[1].settings.epochs`.
    public func path(of key: String) -> String { SettingsError.join(path, key) }

    /// Keys read so far: after reading a type's defaults from an empty map, the fields it knows.
    public var readKeys: Set<String> { read }

    /// Whether the map gives `key` (a non-null value).
    public func contains(_ key: String) -> Bool { entries[key].map { $0 != .null } ?? false }

    /// The raw value of `key`, marking it read (nil when absent or null).
    public mutating func value(_ key: String) -> SettingValue? {
        read.insert(key)
        guard let value = entries[key], value != .null else { return nil }
        return value
    }

    /// A number, within `range` when given.
    public mutating func double(_ key: String, default fallback: Double,
                                in range: ClosedRange<Double>? = nil) throws(SettingsError) -> Double {
        try optionalDouble(key, in: range) ?? fallback
    }

    /// A number or nothing, within `range` when given.
    public mutating func optionalDouble(_ key: String, in range: ClosedRange<Double>? = nil) throws(SettingsError) -> Double? {
        guard let value = value(key) else { return nil }
        guard case .number(let n) = value, n.isFinite else {
            throw SettingsError(path: path(of: key), "expected a number, found \(value.kindName)")
        }
        if let range, !range.contains(n) {
            throw SettingsError(path: path(of: key), "\(Self.text(n)) is outside \(Self.text(range.lowerBound))...\(Self.text(range.upperBound))")
        }
        return n
    }

    /// A whole number, within `range` when given.
    public mutating func int(_ key: String, default fallback: Int, in range: ClosedRange<Int>? = nil) throws(SettingsError) -> Int {
        try optionalInt(key, in: range) ?? fallback
    }

    /// A whole number or nothing, within `range` when given.
    public mutating func optionalInt(_ key: String, in range: ClosedRange<Int>? = nil) throws(SettingsError) -> Int? {
        guard let value = value(key) else { return nil }
        let n = try Self.integer(value, at: path(of: key))
        if let range, !range.contains(n) {
            throw SettingsError(path: path(of: key), "\(n) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return n
    }

    /// A list of whole numbers, each within `range` when given.
    public mutating func ints(_ key: String, default fallback: [Int], in range: ClosedRange<Int>? = nil,
                              allowEmpty: Bool = false) throws(SettingsError) -> [Int] {
        guard let items = try optionalList(key) else { return fallback }
        guard allowEmpty || !items.isEmpty else { throw SettingsError(path: path(of: key), "expected a non-empty list of integers") }
        var result: [Int] = []
        for (i, item) in items.enumerated() {
            let itemPath = "\(path(of: key))[\(i)]"
            let n = try Self.integer(item, at: itemPath)
            if let range, !range.contains(n) {
                throw SettingsError(path: itemPath, "\(n) is outside \(range.lowerBound)...\(range.upperBound)")
            }
            result.append(n)
        }
        return result
    }

    /// Text. Numbers and flags are accepted as their YAML text (`1`, `2.5`, `true`), so
    /// a label written `positive: 1` reads as "1".
    public mutating func string(_ key: String, default fallback: String) throws(SettingsError) -> String {
        try optionalString(key) ?? fallback
    }

    /// Text or nothing (see `string`).
    public mutating func optionalString(_ key: String) throws(SettingsError) -> String? {
        guard let value = value(key) else { return nil }
        return try Self.text(value, at: path(of: key))
    }

    /// A required text field.
    public mutating func requiredString(_ key: String) throws(SettingsError) -> String {
        guard let text = try optionalString(key) else { throw SettingsError(path: path(of: key), "required field is missing") }
        return text
    }

    /// A list of texts (a single text reads as a one-item list).
    public mutating func strings(_ key: String, default fallback: [String]) throws(SettingsError) -> [String] {
        guard let value = value(key) else { return fallback }
        guard case .list(let items) = value else { return [try Self.text(value, at: path(of: key))] }
        var result: [String] = []
        for (i, item) in items.enumerated() { result.append(try Self.text(item, at: "\(path(of: key))[\(i)]")) }
        return result
    }

    /// One of a fixed set of names (an enum's raw values), e.g. `init: glorot`.
    public mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, default fallback: Choice) throws(SettingsError) -> Choice where Choice.RawValue == String {
        try optionalChoice(key) ?? fallback
    }

    /// One of a fixed set of names, or nothing.
    public mutating func optionalChoice<Choice: RawRepresentable & CaseIterable>(
        _ key: String) throws(SettingsError) -> Choice? where Choice.RawValue == String {
        guard let value = value(key) else { return nil }
        let names = Choice.allCases.map(\.rawValue)
        guard case .string(let name) = value, let choice = Choice(rawValue: name) else {
            throw SettingsError(path: path(of: key), "expected one of \(names.joined(separator: ", ")), found \(value.kindName)")
        }
        return choice
    }

    /// A true/false flag.
    public mutating func bool(_ key: String, default fallback: Bool) throws(SettingsError) -> Bool {
        guard let value = value(key) else { return fallback }
        guard case .bool(let b) = value else { throw SettingsError(path: path(of: key), "expected true or false, found \(value.kindName)") }
        return b
    }

    /// A list, or nil when absent.
    public mutating func optionalList(_ key: String) throws(SettingsError) -> [SettingValue]? {
        guard let value = value(key) else { return nil }
        guard case .list(let items) = value else { throw SettingsError(path: path(of: key), "expected a list, found \(value.kindName)") }
        return items
    }

    /// A reader of the nested map `key` (absent means an empty map: every default).
    public mutating func child(_ key: String) throws(SettingsError) -> SettingsReader {
        try SettingsReader(value(key) ?? .null, at: path(of: key))
    }

    /// Refuses any field that was never read.
    public func finish() throws(SettingsError) {
        if let unknown = entries.keys.sorted().first(where: { !read.contains($0) }) {
            throw SettingsError(path: path(of: unknown), "unknown field; known fields: \(read.sorted().joined(separator: ", "))")
        }
    }

    /// A whole number from a tree value.
    public static func integer(_ value: SettingValue, at path: String) throws(SettingsError) -> Int {
        guard case .number(let n) = value, n.isFinite, n.rounded() == n, abs(n) < 1e15 else {
            throw SettingsError(path: path, "expected an integer, found \(value.kindName)")
        }
        return Int(n)
    }

    /// Text from a tree value: strings as they are, numbers and flags as YAML writes them.
    public static func text(_ value: SettingValue, at path: String) throws(SettingsError) -> String {
        switch value {
        case .string(let s): return s
        case .number(let n): return text(n)
        case .bool(let b): return b ? "true" : "false"
        default: throw SettingsError(path: path, "expected text, found \(value.kindName)")
        }
    }

    /// A number as it reads best: integers without a decimal point.
    public static func text(_ n: Double) -> String {
        n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : String(n)
    }
}
