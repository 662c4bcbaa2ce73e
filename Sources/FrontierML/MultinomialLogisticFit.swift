import CBLAS
import Foundation

extension LinearFit {
    /// A fitted multinomial (softmax) linear model: class `k` scores `weights[k] . x + intercepts[k]`,
    /// and the class probabilities are the softmax of the scores.
    public struct MultinomialCoefficients: Equatable, Sendable {
        /// One weight vector per class (`classCount` vectors of the input width).
        public var weights: [[Double]]
        /// One intercept per class. Only their differences matter; the fit returns them summing to zero.
        public var intercepts: [Double]

        public init(weights: [[Double]], intercepts: [Double]) {
            precondition(weights.count == intercepts.count && !weights.isEmpty, "one weight vector and intercept per class")
            precondition(weights.allSatisfy { $0.count == weights[0].count }, "weight vectors of one width")
            self.weights = weights
            self.intercepts = intercepts
        }

        public var classCount: Int { intercepts.count }
        public var inputWidth: Int { weights[0].count }

        /// Class scores (logits) for one input row.
        public func scores(_ x: ArraySlice<Float>) -> [Double] {
            zip(weights, intercepts).map { w, b in zip(w, x).reduce(b) { $0 + $1.0 * Double($1.1) } }
        }

        /// Class probabilities (softmax of the scores) for one input row.
        public func probabilities(_ x: ArraySlice<Float>) -> [Double] {
            let s = scores(x)
            let top = s.max()!
            let e = s.map { Foundation.exp($0 - top) }
            let total = e.reduce(0, +)
            return e.map { $0 / total }
        }

        /// These coefficients as a linear network with one output per class
        /// (`MLPArchitecture.linear(inputWidth: D, outputWidth: K)`); its outputs are the logits.
        public func model(_ architecture: MLPArchitecture) -> MLP {
            precondition(architecture.hiddenWidths.isEmpty && architecture.inputWidth == inputWidth
                         && architecture.outputWidth == classCount,
                         "a \(inputWidth)-input, \(classCount)-class linear model needs a linear architecture of that shape")
            // The dense layer stores its `inputs x outputs` weights row-major: input j, class k at j * K + k.
            var parameters = [Float]()
            parameters.reserveCapacity(architecture.parameterCount)
            for j in 0..<inputWidth { for k in 0..<classCount { parameters.append(Float(weights[k][j])) } }
            parameters += intercepts.map(Float.init)
            return MLP(architecture, parameters: parameters)
        }
    }

    /// L2-regularised multinomial logistic regression on integer labels `0..<classCount`:
    /// minimises `sum_i -log softmax(W x_i + b)[y_i] + (l2 / 2) |W|^2`, intercepts unpenalised (as
    /// scikit-learn's multinomial `LogisticRegression(C = 1 / l2)`). See `multinomialLogistic(_:targets:)`.
    public static func multinomialLogistic(_ x: Matrix, labels: [Int], classCount: Int, l2: Double = 1,
                                           maxIterations: Int = 100, tolerance: Double = 1e-10) -> MultinomialCoefficients {
        precondition(labels.count == x.rows, "multinomialLogistic: \(labels.count) labels for \(x.rows) rows")
        precondition(classCount >= 2, "multinomialLogistic: needs at least two classes, got \(classCount)")
        var targets = Matrix(rows: x.rows, cols: classCount)
        for (i, label) in labels.enumerated() {
            precondition(label >= 0 && label < classCount, "multinomialLogistic: label \(label) of row \(i) is not in 0..<\(classCount)")
            targets[i, label] = 1
        }
        return multinomialLogistic(x, targets: targets, l2: l2, maxIterations: maxIterations, tolerance: tolerance)
    }

    /// L2-regularised multinomial logistic regression on target probability vectors (one row per
    /// sample, summing to 1: one-hot labels, or a classifier's probabilities to imitate):
    /// minimises `sum_i -sum_k t_ik log softmax(W x_i + b)_k + (l2 / 2) |W|^2`, intercepts unpenalised.
    ///
    /// Solved exactly by Newton's method with conjugate-gradient inner solves on Hessian-vector
    /// products (Newton-CG, as scikit-learn's `newton-cg`; Jacobi-preconditioned, at most 250
    /// products per step), from zero, with an Armijo backtracking line search, until the largest
    /// entry of the mean gradient (the objective's gradient over the row count) is below `tolerance`.
    ///
    /// Why this method: the full Hessian has `(K (D + 1))^2` entries, for MNIST's 10 x 785
    /// parameters 490 MB and ~10^11 flops per factorisation, while a Hessian-vector product costs
    /// two matrix products of the data's size and no storage. Newton's quadratic convergence near
    /// the optimum is kept, so the optimality (KKT) conditions hold to the tolerance in a few dozen
    /// steps, where a first-order method such as L-BFGS converges only linearly on the
    /// ill-conditioned, nearly separable problems image data gives. Nothing is drawn at random and
    /// the operations run in a fixed order: the same data gives the same fit.
    ///
    /// The returned weights of each input, and the intercepts, sum to zero over the classes (only
    /// differences between classes change the probabilities). With `l2 = 0` and separable classes
    /// there is no optimum; the fit then stops after `maxIterations` steps.
    public static func multinomialLogistic(_ x: Matrix, targets: Matrix, l2: Double = 1, maxIterations: Int = 100,
                                           tolerance: Double = 1e-10) -> MultinomialCoefficients {
        precondition(targets.rows == x.rows && targets.cols >= 2,
                     "multinomialLogistic: targets must be \(x.rows) rows of at least two class probabilities")
        precondition(l2 >= 0, "multinomialLogistic: negative l2 \(l2)")
        let problem = SoftmaxRegression(x, targets: targets, l2: l2)
        let p = problem.parameterCount
        var theta = [Double](repeating: 0, count: p)
        var state = problem.evaluate(theta)
        let scale = 1 / Double(max(x.rows, 1))
        func largest(_ v: [Double]) -> Double { v.reduce(0) { max($0, abs($1)) } }
        for _ in 0..<maxIterations {
            let gradientNorm = largest(state.gradient) * scale
            if gradientNorm <= tolerance { break }
            // The residual of the inner solve is the next gradient as the quadratic model predicts it:
            // solving past a tenth of the target buys nothing.
            let direction = problem.newtonDirection(state, forcing: min(0.5, gradientNorm.squareRoot()),
                                                    enough: 0.1 * tolerance * Double(max(x.rows, 1)))
            let slope = zip(state.gradient, direction).reduce(0) { $0 + $1.0 * $1.1 }
            guard slope < 0 else { break }  // no descent left at double precision
            var step = 1.0
            var accepted: SoftmaxRegression.State?
            for _ in 0..<60 {
                let candidate = problem.evaluate(zip(theta, direction).map { $0 + step * $1 })
                if candidate.loss <= state.loss + 1e-4 * step * slope { accepted = candidate; break }
                // Near the optimum the decrease drowns in the loss's rounding: a full Newton step that
                // shrinks the gradient without raising the loss beyond rounding is taken all the same.
                if step == 1, candidate.loss <= state.loss + 1e-13 * abs(state.loss),
                   largest(candidate.gradient) < largest(state.gradient) { accepted = candidate; break }
                step /= 2
            }
            guard let next = accepted else { break }
            for i in 0..<p { theta[i] += step * direction[i] }
            state = next
        }
        return problem.coefficients(theta)
    }
}

/// The multinomial logistic objective on one dataset, in double precision: loss, gradient and
/// Hessian-vector products, each costing one or two matrix products with the data.
///
/// Parameters are a `(D + 1) x K` row-major matrix: row j < D holds input j's weights per class,
/// row D the intercepts (a column of ones is appended to the data).
private struct SoftmaxRegression {
    struct State {
        var loss: Double
        var gradient: [Double]
        /// Softmax probabilities at these parameters, `n x K`.
        var probabilities: [Double]
    }

    let n: Int, d: Int, k: Int
    let l2: Double
    /// The data with a trailing column of ones, `n x (D + 1)` row-major.
    let design: [Double]
    /// `design` squared entry by entry, for the Hessian's diagonal.
    let designSquared: [Double]
    let targets: [Double]
    var parameterCount: Int { (d + 1) * k }

    init(_ x: Matrix, targets t: Matrix, l2: Double) {
        n = x.rows; d = x.cols; k = t.cols
        self.l2 = l2
        var design = [Double](repeating: 1, count: n * (d + 1))
        for i in 0..<n { for j in 0..<d { design[i * (d + 1) + j] = Double(x.scalars[i * d + j]) } }
        self.design = design
        designSquared = design.map { $0 * $0 }
        targets = t.scalars.map(Double.init)
    }

    /// `design * theta`: scores `n x K`.
    func scores(_ theta: [Double]) -> [Double] {
        var z = [Double](repeating: 0, count: n * k)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(k), Int32(d + 1),
                    1, design, Int32(d + 1), theta, Int32(k), 0, &z, Int32(k))
        return z
    }

    /// `design^T * r + l2 * theta` on the weight rows (the intercept row unpenalised).
    func backProject(_ r: [Double], regularising theta: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: parameterCount)
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(d + 1), Int32(k), Int32(n),
                    1, design, Int32(d + 1), r, Int32(k), 0, &g, Int32(k))
        for i in 0..<(d * k) { g[i] += l2 * theta[i] }
        return g
    }

    func evaluate(_ theta: [Double]) -> State {
        var z = scores(theta)
        var loss = 0.0
        for i in 0..<n {
            let row = i * k
            var top = -Double.infinity
            for c in 0..<k { top = max(top, z[row + c]) }
            var total = 0.0
            for c in 0..<k { total += Foundation.exp(z[row + c] - top) }
            let logTotal = top + Foundation.log(total)
            for c in 0..<k {
                let t = targets[row + c]
                if t != 0 { loss -= t * (z[row + c] - logTotal) }
                z[row + c] = Foundation.exp(z[row + c] - logTotal)  // z now holds the probabilities
            }
        }
        for i in 0..<(d * k) { loss += 0.5 * l2 * theta[i] * theta[i] }
        let residual = zip(z, targets).map { $0 - $1 }
        return State(loss: loss, gradient: backProject(residual, regularising: theta), probabilities: z)
    }

    /// The Hessian at `state` times `v`: per row, `diag(p) - p p^T` applied to the row's scores of `v`.
    func hessianTimes(_ v: [Double], at state: State) -> [Double] {
        var u = scores(v)
        let p = state.probabilities
        for i in 0..<n {
            let row = i * k
            var mean = 0.0
            for c in 0..<k { mean += p[row + c] * u[row + c] }
            for c in 0..<k { u[row + c] = p[row + c] * (u[row + c] - mean) }
        }
        return backProject(u, regularising: v)
    }

    /// The Hessian's diagonal, the Jacobi preconditioner: `sum_i x_ij^2 p_ic (1 - p_ic)`, plus `l2` on weights.
    func hessianDiagonal(at state: State) -> [Double] {
        let w = state.probabilities.map { $0 * (1 - $0) }
        var diagonal = [Double](repeating: 0, count: parameterCount)
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(d + 1), Int32(k), Int32(n),
                    1, designSquared, Int32(d + 1), w, Int32(k), 0, &diagonal, Int32(k))
        for i in 0..<(d * k) { diagonal[i] += l2 }
        return diagonal.map { max($0, 1e-12) }
    }

    /// `v` with each parameter row's mean over the classes removed: the projection onto the
    /// subspace where each input's weights (and the intercepts) sum to zero over the classes.
    ///
    /// Adding one vector to every class's weights and one constant to every intercept changes no
    /// probability, so the Hessian is singular along those shifts (for the intercepts always, for
    /// the weights when `l2 = 0`). The optimum can be taken in this subspace (with `l2 > 0` it lies
    /// there), the gradient always lies there, and keeping the search in it keeps CG well posed:
    /// a diagonal preconditioner alone would leak directions into the null space and let the
    /// coefficients drift along it without bound.
    func centred(_ v: [Double]) -> [Double] {
        var v = v
        for row in 0...d {
            let mean = v[(row * k)..<((row + 1) * k)].reduce(0, +) / Double(k)
            for c in 0..<k { v[row * k + c] -= mean }
        }
        return v
    }

    /// An approximate solution of `H d = -g` by Jacobi-preconditioned conjugate gradients, stopped
    /// when the residual is below `forcing * |g|` (the inexact-Newton forcing term) or has no entry
    /// above `enough`, after `maxSteps` products, or when the curvature vanishes. Any stop leaves a
    /// descent direction.
    func newtonDirection(_ state: State, forcing: Double, enough: Double, maxSteps: Int = 250) -> [Double] {
        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        let preconditioner = hessianDiagonal(at: state)
        var direction = [Double](repeating: 0, count: parameterCount)
        var residual = state.gradient.map { -$0 }
        var preconditioned = centred(zip(residual, preconditioner).map { $0 / $1 })
        var search = preconditioned
        var rz = dot(residual, preconditioned)
        let stop = forcing * forcing * dot(residual, residual)
        for _ in 0..<maxSteps {
            let hs = hessianTimes(search, at: state)
            let curvature = dot(search, hs)
            if curvature <= 0 { break }
            let a = rz / curvature
            for i in direction.indices { direction[i] += a * search[i]; residual[i] -= a * hs[i] }
            if dot(residual, residual) <= stop || residual.allSatisfy({ abs($0) <= enough }) { break }
            preconditioned = centred(zip(residual, preconditioner).map { $0 / $1 })
            let next = dot(residual, preconditioned)
            let beta = next / rz
            rz = next
            for i in search.indices { search[i] = preconditioned[i] + beta * search[i] }
        }
        return direction.allSatisfy { $0 == 0 } ? state.gradient.map { -$0 } : direction
    }

    func coefficients(_ theta: [Double]) -> LinearFit.MultinomialCoefficients {
        let weights = (0..<k).map { c in (0..<d).map { j in theta[j * k + c] } }
        var intercepts = (0..<k).map { c in theta[d * k + c] }
        let mean = intercepts.reduce(0, +) / Double(k)
        intercepts = intercepts.map { $0 - mean }  // only differences matter: report them centred
        return LinearFit.MultinomialCoefficients(weights: weights, intercepts: intercepts)
    }
}
