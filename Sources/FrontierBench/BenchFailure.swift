/// A bench run that could not complete (workers not connecting, a timeout, a refused sweep).
public struct BenchFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
