import FrontierML

/// The coalitions KernelSHAP evaluates for one row, with their regression weights.
///
/// A coalition of the M varying features is a mask: 1 takes the feature from the row, 0
/// from the background. The empty and the full coalition are never listed: the efficiency
/// constraint pins them (the attributions sum to f(x) - E f(background)).
struct ShapleyCoalitions {
    /// Players (varying features).
    let players: Int
    /// `count x players` masks, row-major.
    private(set) var masks: [UInt8] = []
    /// One regression weight per coalition.
    private(set) var weights: [Double] = []

    var count: Int { weights.count }

    func mask(_ coalition: Int) -> ArraySlice<UInt8> {
        masks[(coalition * players)..<((coalition + 1) * players)]
    }

    private mutating func add(_ mask: [UInt8], weight: Double) {
        masks.append(contentsOf: mask)
        weights.append(weight)
    }

    /// Every proper, non-empty coalition with its Shapley kernel weight
    /// `(M - 1) / (C(M, s) s (M - s))`: the weighted regression then gives the exact Shapley values.
    static func exhaustive(players m: Int) -> ShapleyCoalitions {
        precondition(m >= 2 && m <= 30, "exhaustive enumeration needs 2...30 players")
        var plan = ShapleyCoalitions(players: m)
        var mask = [UInt8](repeating: 0, count: m)
        for bits in 1..<((1 << m) - 1) {
            var size = 0
            for j in 0..<m { mask[j] = UInt8((bits >> j) & 1); size += Int(mask[j]) }
            plan.add(mask, weight: Double(m - 1) / (binomial(m, size) * Double(size * (m - size))))
        }
        return plan
    }

    /// shap's `KernelExplainer` sampling: subset sizes are visited from the outside in
    /// (1 and M-1, then 2 and M-2, ...); a size whose share of the budget covers all its
    /// coalitions is enumerated with its exact kernel weight, the remaining budget is
    /// drawn at random by size (proportional to the kernel's weight of that size) and then
    /// uniformly within a size, each draw paired with its complement (antithetic sampling),
    /// repeats adding to the weight of the first draw. The random coalitions share the
    /// kernel weight the enumerated sizes left over.
    static func sampled(players m: Int, budget: Int, generator: inout SeededGenerator) -> ShapleyCoalitions {
        precondition(m >= 2 && budget >= 1, "sampling needs two players and a positive budget")
        var plan = ShapleyCoalitions(players: m)
        let sizes = (m - 1 + 1) / 2           // ceil((M - 1) / 2)
        let pairedSizes = (m - 1) / 2         // floor((M - 1) / 2)
        var sizeWeights = (1...sizes).map { Double(m - 1) / Double($0 * (m - $0)) }
        for i in 0..<pairedSizes { sizeWeights[i] *= 2 }
        let weightTotal = sizeWeights.reduce(0, +)
        sizeWeights = sizeWeights.map { $0 / weightTotal }

        let fullSizes = plan.enumerateFullSizes(sizeWeights: sizeWeights, pairedSizes: pairedSizes, budget: budget)
        let fixed = plan.count
        guard fullSizes < sizes, budget > fixed else { return plan }
        var remaining = Array(sizeWeights[fullSizes...])
        for i in remaining.indices where fullSizes + i < pairedSizes { remaining[i] /= 2 }  // two coalitions per draw
        let remainingTotal = remaining.reduce(0, +)
        let cumulative = remaining.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1 / remainingTotal) }
        plan.drawRandom(budget: budget - fixed, fullSizes: fullSizes, pairedSizes: pairedSizes,
                        cumulative: cumulative, generator: &generator)
        // Random coalitions share what the enumerated sizes left of the kernel's weight.
        let weightLeft = sizeWeights[fullSizes...].reduce(0, +)
        let drawnTotal = plan.weights[fixed...].reduce(0, +)
        for i in fixed..<plan.count { plan.weights[i] *= weightLeft / drawnTotal }
        return plan
    }

    /// Enumerates the subset sizes the budget covers completely; returns how many.
    private mutating func enumerateFullSizes(sizeWeights: [Double], pairedSizes: Int, budget: Int) -> Int {
        let m = players
        var full = 0
        var left = Double(budget)
        var remaining = sizeWeights
        for size in 1...sizeWeights.count {
            let paired = size <= pairedSizes
            let subsets = binomial(m, size) * (paired ? 2 : 1)
            guard left * remaining[size - 1] / subsets >= 1 - 1e-8 else { break }
            full += 1
            left -= subsets
            if remaining[size - 1] < 1 { remaining = remaining.map { $0 / (1 - remaining[size - 1]) } }
            let weight = sizeWeights[size - 1] / binomial(m, size) / (paired ? 2 : 1)
            forEachCombination(of: size, among: m) { mask in
                add(mask, weight: weight)
                if paired { add(mask.map { 1 - $0 }, weight: weight) }
            }
        }
        return full
    }

    /// Draws coalitions until the budget is spent or `4 x budget` sizes have been drawn.
    private mutating func drawRandom(budget: Int, fullSizes: Int, pairedSizes: Int, cumulative: [Double],
                                     generator: inout SeededGenerator) {
        let m = players
        var left = budget
        var seen: [[UInt8]: Int] = [:]
        var order = Array(0..<m)
        var draws = 0
        while left > 0 && draws < 4 * budget {
            draws += 1
            let u = generator.nextUniform()
            let size = (cumulative.firstIndex { u < $0 } ?? cumulative.count - 1) + fullSizes + 1
            // The first `size` entries of a random permutation (partial Fisher-Yates).
            for i in 0..<size {
                let j = i + Int(generator.next() % UInt64(m - i))
                order.swapAt(i, j)
            }
            var mask = [UInt8](repeating: 0, count: m)
            for i in 0..<size { mask[order[i]] = 1 }
            let first = seen[mask]
            if let first {
                weights[first] += 1
            } else {
                seen[mask] = count
                left -= 1
                add(mask, weight: 1)
            }
            if left > 0 && size <= pairedSizes {
                if let first {
                    weights[first + 1] += 1
                } else {
                    left -= 1
                    add(mask.map { 1 - $0 }, weight: 1)
                }
            }
        }
    }
}

/// C(n, k) as a Double (exact while it fits in 53 bits).
func binomial(_ n: Int, _ k: Int) -> Double {
    guard k >= 0 && k <= n else { return 0 }
    let k = min(k, n - k)
    var result = 1.0
    if k > 0 { for i in 1...k { result = result * Double(n - k + i) / Double(i) } }
    return result
}

/// Calls `body` with the mask of every `size`-subset of `0..<n`, in lexicographic order.
func forEachCombination(of size: Int, among n: Int, _ body: ([UInt8]) -> Void) {
    guard size >= 1 && size <= n else { return }
    var chosen = Array(0..<size)
    while true {
        var mask = [UInt8](repeating: 0, count: n)
        for i in chosen { mask[i] = 1 }
        body(mask)
        // Advance the rightmost index that can still move.
        var i = size - 1
        while i >= 0 && chosen[i] == n - size + i { i -= 1 }
        if i < 0 { return }
        chosen[i] += 1
        for j in (i + 1)..<size { chosen[j] = chosen[j - 1] + 1 }
    }
}
