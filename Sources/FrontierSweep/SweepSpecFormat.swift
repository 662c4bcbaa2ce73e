/// The formats a sweep spec may be submitted in (`SweepSubmit.spec_format`).
public enum SweepSpecFormat: String, Sendable, CaseIterable {
    case yaml
    case json

    /// The format a submission names; empty means YAML.
    ///
    /// - Throws: a `SweepSpecError` (path `spec_format`) for any other name: a TOML or
    ///   XML document must not be read as YAML and refused for the wrong reasons, or
    ///   worse, accepted.
    public init(wireName: String) throws(SweepSpecError) {
        if wireName.isEmpty {
            self = .yaml
            return
        }
        guard let format = SweepSpecFormat(rawValue: wireName.lowercased()) else {
            throw SweepSpecError(path: "spec_format", "unsupported spec format '\(wireName)'; use yaml or json")
        }
        self = format
    }
}
