/// A numerical routine could not do what it was asked: a shape that does not fit, a
/// matrix that is not positive definite, a problem that is not convex. The message says
/// what and where (`cholesky: the 12 x 12 matrix is not positive definite (leading minor 7)`).
public struct SolverError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
