import Foundation

/// A settings tree as written in a sweep file, a recipe or a job spec: JSON-like
/// values that settings types decode with `SettingsReader`, naming unknown or bad
/// fields. Stored as JSON (job specs, provenance), so a stored tree is read back
/// by the same code that read the user's file.
public enum SettingValue: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([SettingValue])
    case map([String: SettingValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let l = try? c.decode([SettingValue].self) { self = .list(l) }
        else { self = .map(try c.decode([String: SettingValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .list(let l): try c.encode(l)
        case .map(let m): try c.encode(m)
        }
    }

    /// The entries of a map (empty for `null`), or nil for any other value.
    public var mapValue: [String: SettingValue]? {
        switch self {
        case .map(let m): return m
        case .null: return [:]
        default: return nil
        }
    }

    /// What the value is, for "expected ..., found ..." messages.
    public var kindName: String {
        switch self {
        case .null: return "nothing"
        case .bool: return "true/false"
        case .number: return "a number"
        case .string(let s): return "'\(s.count > 40 ? String(s.prefix(40)) + "…" : s)'"
        case .list: return "a list"
        case .map: return "a map"
        }
    }

    /// `self` with `over` laid on top: maps merge key by key (recursively), anything else is replaced.
    public func merging(_ over: SettingValue) -> SettingValue {
        guard case .map(let base) = self, case .map(let top) = over else { return over == .null ? self : over }
        return .map(base.merging(top) { $0.merging($1) })
    }

    /// Key-sorted, compact JSON: the canonical text of a tree (equal trees, equal bytes).
    public var canonicalJSON: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Finite numbers, strings and containers always encode; non-finite numbers never enter a tree.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// A tree from JSON (a stored job spec or provenance record).
    public static func decode(json: Data) throws -> SettingValue {
        try JSONDecoder().decode(SettingValue.self, from: json)
    }

    /// The tree of any `Encodable` value (a settings type written back as settings).
    public static func of<T: Encodable>(_ value: T) -> SettingValue {
        guard let data = try? JSONEncoder().encode(value), let tree = try? decode(json: data) else { return .null }
        return tree
    }
}
