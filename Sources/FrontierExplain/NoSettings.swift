/// The settings of a plug-in that has none.
public struct NoSettings: PluginSettings {
    public init() {}

    public enum CodingKeys: CodingKey, CaseIterable {}

    public func validate(for plugin: String) throws(ExplainError) {}
}
