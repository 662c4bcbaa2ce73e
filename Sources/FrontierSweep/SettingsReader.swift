/// Reads a job kind's settings map field by field with typed defaults, naming the
/// field of any bad value (`jobs[1].settings.epochs: expected an integer`) and
/// refusing fields the kind does not know, so a typo (`hiden`) is never ignored.
public struct SettingsReader {
    public let path: String
    private let entries: [String: SettingValue]
    private var read: Set<String> = []

    /// A reader of `value`, which must be a map (or absent/null, meaning all defaults).
    public init(_ value: SettingValue, at path: String) throws(SweepSpecError) {
        guard let entries = value.mapValue else { throw SweepSpecError(path: path, "expected a map of settings") }
        self.path = path
        self.entries = entries
    }

    /// The path of a field, e.g. `jobs[1].settings.epochs`.
    public func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// A number, within `range` when given.
    public mutating func double(_ key: String, default fallback: Double,
                                in range: ClosedRange<Double>? = nil) throws(SweepSpecError) -> Double {
        read.insert(key)
        guard let value = entries[key], value != .null else { return fallback }
        guard case .number(let n) = value, n.isFinite else { throw SweepSpecError(path: path(of: key), "expected a number") }
        if let range, !range.contains(n) {
            throw SweepSpecError(path: path(of: key), "\(n) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return n
    }

    /// A whole number, within `range` when given.
    public mutating func int(_ key: String, default fallback: Int,
                             in range: ClosedRange<Int>? = nil) throws(SweepSpecError) -> Int {
        read.insert(key)
        guard let value = entries[key], value != .null else { return fallback }
        let n = try Self.integer(value, at: path(of: key))
        if let range, !range.contains(n) {
            throw SweepSpecError(path: path(of: key), "\(n) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return n
    }

    /// A list of whole numbers, each within `range` when given.
    public mutating func ints(_ key: String, default fallback: [Int],
                              in range: ClosedRange<Int>? = nil) throws(SweepSpecError) -> [Int] {
        read.insert(key)
        guard let value = entries[key], value != .null else { return fallback }
        guard case .list(let items) = value, !items.isEmpty else {
            throw SweepSpecError(path: path(of: key), "expected a non-empty list of integers")
        }
        var result: [Int] = []
        for (i, item) in items.enumerated() {
            let n = try Self.integer(item, at: "\(path(of: key))[\(i)]")
            if let range, !range.contains(n) {
                throw SweepSpecError(path: "\(path(of: key))[\(i)]", "\(n) is outside \(range.lowerBound)...\(range.upperBound)")
            }
            result.append(n)
        }
        return result
    }

    /// One of a fixed set of names (an enum's raw values), e.g. `init: glorot`.
    public mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, default fallback: Choice) throws(SweepSpecError) -> Choice where Choice.RawValue == String {
        read.insert(key)
        guard let value = entries[key], value != .null else { return fallback }
        let names = Choice.allCases.map(\.rawValue)
        guard case .string(let name) = value, let choice = Choice(rawValue: name) else {
            throw SweepSpecError(path: path(of: key), "expected one of \(names.joined(separator: ", "))")
        }
        return choice
    }

    /// A true/false flag.
    public mutating func bool(_ key: String, default fallback: Bool) throws(SweepSpecError) -> Bool {
        read.insert(key)
        guard let value = entries[key], value != .null else { return fallback }
        guard case .bool(let b) = value else { throw SweepSpecError(path: path(of: key), "expected true or false") }
        return b
    }

    /// Refuses any field that was never read.
    public func finish() throws(SweepSpecError) {
        if let unknown = entries.keys.sorted().first(where: { !read.contains($0) }) {
            throw SweepSpecError(path: path(of: unknown), "unknown setting; known settings: \(read.sorted().joined(separator: ", "))")
        }
    }

    static func integer(_ value: SettingValue, at path: String) throws(SweepSpecError) -> Int {
        guard case .number(let n) = value, n.isFinite, n.rounded() == n, abs(n) < 1e15 else {
            throw SweepSpecError(path: path, "expected an integer")
        }
        return Int(n)
    }
}
