import Foundation
import FrontierML

/// The functions POE's experiments explain (section 6.1), sums over the D inputs, with
/// exact gradients. Names follow the paper's figures.
public enum SyntheticFunctionKind: String, Codable, CaseIterable, Sendable {
    /// `sum_d x_d^3`.
    case cubic
    /// `sum_d x_d^3 + sum_{d, d', d''} x_d x_d' x_d''`; the triple sum over all index
    /// triples (as the paper writes it) is `(sum_d x_d)^3`.
    case cubicInteractions = "cubic_interactions"
    /// `sum_d sin x_d`.
    case sine
    /// `sum_d x_d + sin(3 x_d)`: quasi-periodic with a linear term.
    case quasiPeriodicLinear = "quasi_periodic_linear"
    /// `sum_d x_d^2 / 10 + sin(3 x_d)`: quasi-periodic with a quadratic term.
    case quasiPeriodicQuadratic = "quasi_periodic_quadratic"
    /// `sum_d sin(exp(x_d))`: quasi-periodic with exponentiated inputs. The paper prints
    /// `exp(x_d / 10)`; its code and its appendix G (which drops this function because it
    /// "oscillates more frequently than the period between inducing points") use `exp(x_d)`.
    case quasiPeriodicExponent = "quasi_periodic_exponent"
    /// `sum_d x_d + sin(exp(x_d))`: with linear terms and exponentiated inputs.
    case quasiPeriodicLinearExponent = "quasi_periodic_linear_exponent"
    /// `sum_d exp(x_d)`.
    case exponential

    /// The paper's figure title.
    public var title: String {
        switch self {
        case .cubic: "Cubic"
        case .cubicInteractions: "Cubic with interactions"
        case .sine: "Sine"
        case .quasiPeriodicLinear: "Quasi-periodic, linear term"
        case .quasiPeriodicQuadratic: "Quasi-periodic, quadratic term"
        case .quasiPeriodicExponent: "Quasi-periodic, exponentiated inputs"
        case .quasiPeriodicLinearExponent: "Quasi-periodic, linear + exponentiated"
        case .exponential: "Exponential"
        }
    }

    /// f(x).
    public func value(_ x: ArraySlice<Double>) -> Double {
        switch self {
        case .cubic: return x.reduce(0) { $0 + $1 * $1 * $1 }
        case .cubicInteractions:
            let s = x.reduce(0, +)
            return x.reduce(0) { $0 + $1 * $1 * $1 } + s * s * s
        case .sine: return x.reduce(0) { $0 + sin($1) }
        case .quasiPeriodicLinear: return x.reduce(0) { $0 + $1 + sin(3 * $1) }
        case .quasiPeriodicQuadratic: return x.reduce(0) { $0 + $1 * $1 / 10 + sin(3 * $1) }
        case .quasiPeriodicExponent: return x.reduce(0) { $0 + sin(exp($1)) }
        case .quasiPeriodicLinearExponent: return x.reduce(0) { $0 + $1 + sin(exp($1)) }
        case .exponential: return x.reduce(0) { $0 + exp($1) }
        }
    }

    /// grad f(x).
    public func gradient(_ x: ArraySlice<Double>) -> [Double] {
        switch self {
        case .cubic: return x.map { 3 * $0 * $0 }
        case .cubicInteractions:
            let s = x.reduce(0, +)
            return x.map { 3 * $0 * $0 + 3 * s * s }
        case .sine: return x.map { cos($0) }
        case .quasiPeriodicLinear: return x.map { 1 + 3 * cos(3 * $0) }
        case .quasiPeriodicQuadratic: return x.map { $0 / 5 + 3 * cos(3 * $0) }
        case .quasiPeriodicExponent: return x.map { exp($0) * cos(exp($0)) }
        case .quasiPeriodicLinearExponent: return x.map { 1 + exp($0) * cos(exp($0)) }
        case .exponential: return x.map { exp($0) }
        }
    }
}

/// A synthetic function as a model explainers can read: one output, exact gradients,
/// computed in double precision and rounded to the `Float` interface.
public struct SyntheticFunction: ExplainableModel {
    public let kind: SyntheticFunctionKind
    public let inputWidth: Int

    public init(_ kind: SyntheticFunctionKind, dimensions: Int) {
        precondition(dimensions >= 1, "a synthetic function needs at least one input")
        self.kind = kind
        self.inputWidth = dimensions
    }

    public var outputWidth: Int { 1 }

    public func outputs(_ rows: Matrix) -> Matrix {
        let values = (0..<rows.rows).map { Float(kind.value(rows.row($0).map(Double.init)[...])) }
        return Matrix(rows: rows.rows, cols: 1, scalars: values)
    }

    public func inputGradients(_ rows: Matrix, outputWeights: Matrix) -> Matrix {
        var out = Matrix(rows: rows.rows, cols: inputWidth)
        for r in 0..<rows.rows {
            let weight = Double(outputWeights[r, 0])
            let g = kind.gradient(rows.row(r).map(Double.init)[...])
            for j in 0..<inputWidth { out[r, j] = Float(weight * g[j]) }
        }
        return out
    }
}

/// Query points of POE's experiments.
public enum QueryPoints {
    /// The authors' grid (`new_make_grid`): the smallest `k` with `k^D >= count`, the
    /// points `linspace(low, high, k)` on every axis in numpy's `meshgrid` order (the first
    /// two axes swapped), the first `count` kept. For `count = 100, D = 3` that is a 5 x 5 x 5
    /// grid on [-5, 5] without the 25 points whose second coordinate is 5.
    public static func grid(count: Int, dimensions d: Int, low: Double = -5, high: Double = 5) -> [[Double]] {
        precondition(count >= 1 && d >= 1, "grid: need points and dimensions")
        var k = 2
        while pow(Double(k), Double(d)) < Double(count) { k += 1 }
        let axis = (0..<k).map { low + (high - low) * Double($0) / Double(k - 1) }
        var points: [[Double]] = []
        let total = Int(pow(Double(k), Double(d)))
        for flat in 0..<min(count, total) {
            // meshgrid(indexing='xy') output arrays have shape (k, k, ..., k) with the first two
            // axes swapped: array m at multi-index (i0, i1, i2, ...) holds axis[i1] for m = 0,
            // axis[i0] for m = 1 and axis[i_m] otherwise.
            var index = [Int](repeating: 0, count: d)
            var rest = flat
            for m in stride(from: d - 1, through: 0, by: -1) { index[m] = rest % k; rest /= k }
            points.append((0..<d).map { m in
                if d >= 2 && m == 0 { return axis[index[1]] }
                if d >= 2 && m == 1 { return axis[index[0]] }
                return axis[index[m]]
            })
        }
        return points
    }

    /// `count` points uniform on `[low, high]^D` (the paper's larger-D experiments and the
    /// inductive experiments' query and inducing points).
    public static func uniform(count: Int, dimensions d: Int, low: Double = -5, high: Double = 5,
                               generator: inout SeededGenerator) -> [[Double]] {
        (0..<count).map { _ in (0..<d).map { _ in low + (high - low) * generator.nextUniform() } }
    }
}
