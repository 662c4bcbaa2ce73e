import Foundation

/// The settings of an explainer or a property metric. Every field has a default
/// (`init()`), the JSON form has snake_case keys (the `CodingKeys`), and `validate`
/// names the first bad field. Sweeps, the command line and job specs all pass settings
/// as a JSON object that names only the fields that differ from the defaults.
public protocol PluginSettings: Codable, Equatable, Sendable {
    associatedtype CodingKeys: CodingKey & CaseIterable
    /// The defaults.
    init()
    /// Checks the values; errors name `plugin.field`.
    func validate(for plugin: String) throws(ExplainError)
}

extension PluginSettings {
    /// Settings from a JSON object (nil or empty means all defaults): absent keys keep
    /// their defaults; an unknown key or a value of the wrong type is an error naming
    /// the field; the result is validated.
    public static func decode(_ json: Data?, for plugin: String) throws(ExplainError) -> Self {
        let given = try jsonObject(json, for: plugin)
        let known = CodingKeys.allCases.map(\.stringValue)
        if let unknown = given.keys.sorted().first(where: { !known.contains($0) }) {
            throw ExplainError(plugin: plugin, field: unknown,
                               "unknown setting (known: \(known.sorted().joined(separator: ", ")))")
        }
        var merged = (try? jsonObject(Self().json, for: plugin)) ?? [:]
        merged.merge(given) { _, new in new }
        let settings: Self
        do {
            let data = try JSONSerialization.data(withJSONObject: merged)
            settings = try JSONDecoder().decode(Self.self, from: data)
        } catch let error as DecodingError {
            throw describe(error, for: plugin)
        } catch {
            throw ExplainError("\(plugin): settings could not be read: \(error)")
        }
        try settings.validate(for: plugin)
        return settings
    }

    /// The settings as key-sorted JSON.
    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Settings hold numbers, strings, booleans and arrays of them: they always encode.
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    private static func jsonObject(_ json: Data?, for plugin: String) throws(ExplainError) -> [String: Any] {
        guard let json, !json.isEmpty else { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed]),
              let map = object as? [String: Any] else {
            throw ExplainError("\(plugin): settings must be a JSON object")
        }
        return map
    }

    private static func describe(_ error: DecodingError, for plugin: String) -> ExplainError {
        let (path, message): ([CodingKey], String)
        switch error {
        case .typeMismatch(let type, let context): (path, message) = (context.codingPath, "expected \(type)")
        case .valueNotFound(let type, let context): (path, message) = (context.codingPath, "expected \(type), got null")
        case .keyNotFound(let key, let context): (path, message) = (context.codingPath + [key], "missing")
        case .dataCorrupted(let context): (path, message) = (context.codingPath, context.debugDescription)
        @unknown default: (path, message) = ([], "\(error)")
        }
        let field = path.map(\.stringValue).joined(separator: ".")
        return field.isEmpty ? ExplainError("\(plugin): \(message)") : ExplainError(plugin: plugin, field: field, message)
    }
}

/// Settings written as `key=value` words (the command line's form) turned into the JSON
/// object `PluginSettings.decode` reads: a value that parses as JSON (a number, `true`,
/// `null`, `[1, 2]`) is taken as such, anything else as a string.
public enum SettingAssignments {
    public static func json(_ assignments: [String]) throws(ExplainError) -> Data {
        var object: [String: Any] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw ExplainError("setting '\(assignment)': expected key=value")
            }
            let key = String(assignment[..<equals]), text = String(assignment[assignment.index(after: equals)...])
            object[key] = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) ?? text
        }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
