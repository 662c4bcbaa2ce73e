import FrontierSettings
import Foundation
import Yams

/// A sweep file's YAML as a plain tree with typed scalars (YAML's own resolution:
/// `3` is an integer, `0.5` a number, `true` a flag, `"3"` a string), so the
/// parser can name the path of every value it refuses.
indirect enum SpecNode: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list([SpecNode])
    case map([String: SpecNode])

    /// The tree of `yaml`, refused before it is composed when it breaks `limits`.
    static func parse(yaml: String, limits: SpecLimits = .default) throws(SweepSpecError) -> SpecNode {
        try limits.check(yaml)
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw SweepSpecError(path: "", "not valid YAML: \(error)")
        }
        guard let root else { throw SweepSpecError(path: "", "the sweep file is empty") }
        return try SpecNode(root, at: "")
    }

    init(_ node: Node, at path: String) throws(SweepSpecError) {
        switch node {
        case .scalar(let scalar):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: self = .null
            case Tag.Name.bool.rawValue: self = node.bool.map(SpecNode.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: self = node.int.map(SpecNode.int) ?? node.float.map(SpecNode.float) ?? .string(scalar.string)
            case Tag.Name.float.rawValue: self = node.float.map(SpecNode.float) ?? .string(scalar.string)
            default: self = .string(scalar.string)
            }
        case .sequence(let sequence):
            var items: [SpecNode] = []
            for (i, item) in sequence.enumerated() { items.append(try SpecNode(item, at: "\(path)[\(i)]")) }
            self = .list(items)
        case .mapping(let mapping):
            var entries: [String: SpecNode] = [:]
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { throw SweepSpecError(path: path, "keys must be plain names") }
                let child = SpecNode.join(path, name)
                guard entries[name] == nil else { throw SweepSpecError(path: child, "given twice") }
                entries[name] = try SpecNode(value, at: child)
            }
            self = .map(entries)
        case .alias:
            // Yams resolves aliases while composing (within `SpecLimits`); it never returns one.
            throw SweepSpecError(path: path, "unresolved YAML alias")
        }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// What the value is, for "expected ..., found ..." messages.
    var kindName: String {
        switch self {
        case .null: return "nothing"
        case .bool: return "true/false"
        case .int: return "an integer"
        case .float: return "a number"
        case .string(let s): return "'\(s)'"
        case .list: return "a list"
        case .map: return "a map"
        }
    }

    func string(at path: String) throws(SweepSpecError) -> String {
        guard case .string(let s) = self else { throw SweepSpecError(path: path, "expected text, found \(kindName)") }
        return s
    }

    func int(at path: String) throws(SweepSpecError) -> Int {
        switch self {
        case .int(let n): return n
        case .float(let x) where x.rounded() == x && abs(x) < 1e15: return Int(x)
        default: throw SweepSpecError(path: path, "expected an integer, found \(kindName)")
        }
    }

    func number(at path: String) throws(SweepSpecError) -> Double {
        switch self {
        case .int(let n): return Double(n)
        case .float(let x) where x.isFinite: return x
        default: throw SweepSpecError(path: path, "expected a number, found \(kindName)")
        }
    }

    func list(at path: String) throws(SweepSpecError) -> [SpecNode] {
        guard case .list(let items) = self else { throw SweepSpecError(path: path, "expected a list, found \(kindName)") }
        return items
    }

    /// The entries of a map, refusing keys outside `allowed` (path `<path>.<key>`, "unknown field").
    func map(at path: String, allowed: [String]) throws(SweepSpecError) -> [String: SpecNode] {
        guard case .map(let entries) = self else { throw SweepSpecError(path: path, "expected a map, found \(kindName)") }
        if let unknown = entries.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw SweepSpecError(path: SpecNode.join(path, unknown),
                                 "unknown field; known fields: \(allowed.joined(separator: ", "))")
        }
        return entries
    }

    /// The job kinds' view of a settings tree.
    func settingValue(at path: String) throws(SweepSpecError) -> SettingValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let n): return .number(Double(n))
        case .float(let x): return .number(x)
        case .string(let s): return .string(s)
        case .list(let items):
            var values: [SettingValue] = []
            for (i, item) in items.enumerated() { values.append(try item.settingValue(at: "\(path)[\(i)]")) }
            return .list(values)
        case .map(let entries):
            var values: [String: SettingValue] = [:]
            for (key, item) in entries { values[key] = try item.settingValue(at: SpecNode.join(path, key)) }
            return .map(values)
        }
    }
}
