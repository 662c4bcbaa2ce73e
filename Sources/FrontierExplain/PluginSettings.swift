import Foundation
import FrontierSettings

/// The settings of an explainer or a property metric. Every field has a default
/// (`init()`), the tree form has snake_case keys (the `CodingKeys`), and `validate`
/// names the first bad field. They read from a settings tree like every other settings
/// type (`SettingsReadable`): from a sweep file, a job spec or `--set key=value` options,
/// naming only the fields that differ from the defaults.
public protocol PluginSettings: SettingsReadable, Codable, Equatable, Sendable {
    associatedtype CodingKeys: CodingKey & CaseIterable
    /// The defaults.
    init()
    /// Checks the values; errors name `plugin.field`.
    func validate(for plugin: String) throws(ExplainError)
    /// The keys read from a settings tree: the `CodingKeys` unless the type's coding also
    /// reads a shared part written flat beside its own keys.
    static var settingKeys: [String] { get }
}

extension PluginSettings {
    public static var settingKeys: [String] { CodingKeys.allCases.map(\.stringValue) }
}

extension PluginSettings {
    /// Reads the fields the `CodingKeys` name over the defaults, then validates; errors
    /// name the field's path. Fields of other types are left for the reader's `finish()`.
    public init(_ reader: inout SettingsReader) throws(SettingsError) {
        var given: [String: SettingValue] = [:]
        for key in Self.settingKeys {
            if let value = reader.value(key) { given[key] = value }
        }
        let tree = SettingValue.of(Self()).merging(.map(given))
        let settings: Self
        do {
            settings = try JSONDecoder().decode(Self.self, from: tree.canonicalJSON)
        } catch let error as DecodingError {
            throw Self.describe(error, reader: reader)
        } catch {
            throw SettingsError(path: reader.path, "settings could not be read: \(error)")
        }
        do { try settings.validate(for: "") } catch {
            throw SettingsError(path: error.field.map { reader.path(of: $0) } ?? reader.path, error.message)
        }
        self = settings
    }

    /// The settings as a tree (every field, defaults included).
    public var tree: SettingValue { .of(self) }

    private static func describe(_ error: DecodingError, reader: SettingsReader) -> SettingsError {
        let (path, message): ([CodingKey], String)
        switch error {
        case .typeMismatch(let type, let context): (path, message) = (context.codingPath, "expected \(type)")
        case .valueNotFound(let type, let context): (path, message) = (context.codingPath, "expected \(type), got nothing")
        case .keyNotFound(let key, let context): (path, message) = (context.codingPath + [key], "missing")
        case .dataCorrupted(let context): (path, message) = (context.codingPath, context.debugDescription)
        @unknown default: (path, message) = ([], "\(error)")
        }
        let field = path.map(\.stringValue).joined(separator: ".")
        return SettingsError(path: field.isEmpty ? reader.path : reader.path(of: field), message)
    }
}
