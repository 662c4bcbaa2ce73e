import FrontierML

/// How well an explanation reproduces the model it explains.
///
/// All quantities compare models on the output scale (probabilities for
/// classification, standardised values for regression).
public enum FidelityMetrics {
    /// Global Fidelity (the MTL paper's equation 4): mean over samples of
    /// `||g(x) - f(x)||^2`. Lower is better; 0 means g reproduces f exactly.
    public static func globalFidelity(f: Matrix, g: Matrix) -> Double {
        precondition(f.rows == g.rows && f.cols == g.cols, "GF: output shapes differ")
        guard f.rows > 0 else { return .nan }
        var sum = 0.0
        for i in 0..<f.count { let d = Double(g.scalars[i]) - Double(f.scalars[i]); sum += d * d }
        return sum / Double(f.rows)
    }

    /// R^2 of g's outputs taken as predictions of f's outputs (the paper's Table 5):
    /// 1 means g explains all of f's variation.
    public static func agreementR2(f: Matrix, g: Matrix) -> Double {
        Metrics.rSquared(g.scalars, f.scalars)
    }
}

/// Global Neighbourhood Fidelity (the MTL paper's equations 5-6): for each
/// explained point x, the mean squared gap between the local explanation e_x and
/// the model f on neighbours drawn from N(x, sigma^2 I); GNF is the mean over points.
public struct NeighbourhoodFidelity: Codable, Equatable, Sendable {
    /// Neighbours drawn around each explained point.
    public var neighbours: Int
    /// Standard deviation of the neighbourhood, in standardised units.
    public var radius: Float

    public init(neighbours: Int = 10, radius: Float = 0.1) {
        self.neighbours = neighbours
        self.radius = radius
    }

    /// GNF over the rows of `points` of the explanations `explanationAt(x)` of
    /// `model`. Both `model` and an explanation map a batch to its outputs (one row per
    /// sample, one column per output: a probability vector for multiclass); the gap at
    /// a neighbour is the squared distance between the two output vectors. A global
    /// surrogate returns itself for every x.
    public func evaluate(points: Matrix, model: (Matrix) -> Matrix,
                         explanationAt: (ArraySlice<Float>) -> (Matrix) -> Matrix,
                         generator: inout SeededGenerator) -> Double {
        guard points.rows > 0 else { return .nan }
        let d = points.cols
        var total = 0.0
        for p in 0..<points.rows {
            let x = points.row(p)
            let explanation = explanationAt(x)
            var neighbourhood = Matrix(rows: neighbours, cols: d)
            for k in 0..<neighbours {
                for (j, v) in x.enumerated() {
                    neighbourhood.scalars[k * d + j] = v + radius * Float(generator.nextNormal())
                }
            }
            let fx = model(neighbourhood)
            let ex = explanation(neighbourhood)
            precondition(fx.rows == neighbours && ex.rows == neighbours && fx.cols == ex.cols,
                         "GNF: the model and the explanation must give the same outputs per neighbour")
            var sum = 0.0
            for k in 0..<neighbours {
                var gap2 = 0.0
                for c in 0..<fx.cols {
                    let gap = Double(ex[k, c]) - Double(fx[k, c])
                    gap2 += gap * gap
                }
                sum += gap2
            }
            total += sum / Double(neighbours)
        }
        return total / Double(points.rows)
    }
}
