/// The settings of a plug-in that can read attributions signed or by magnitude.
public struct MagnitudeSettings: PluginSettings {
    /// Use |w| instead of w.
    public var absolute = false

    public init() {}

    public init(absolute: Bool) {
        self.absolute = absolute
    }

    public enum CodingKeys: String, CodingKey, CaseIterable { case absolute }

    public func validate(for plugin: String) throws(ExplainError) {}
}
