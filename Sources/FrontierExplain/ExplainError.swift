/// Bad input to an explainer or a metric: unknown names, invalid settings, shapes that
/// do not match the model. The message says what is wrong and where
/// (`kernelshap.samples: must be at least 2 (got 1)`).
public struct ExplainError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String
    /// For a settings error: the field and what is wrong with it.
    public let field: String?
    public let message: String

    public init(_ description: String) {
        self.description = description
        self.field = nil
        self.message = description
    }

    /// An error about one field of a plug-in's settings, e.g. `lime.samples: ...`.
    public init(plugin: String, field: String, _ message: String) {
        self.description = "\(plugin).\(field): \(message)"
        self.field = field
        self.message = message
    }
}
