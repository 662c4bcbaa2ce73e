import Foundation
import FrontierML

/// NSGA-II (Deb et al., 2002): a seeded elitist genetic algorithm for several objectives,
/// all minimised. Each generation draws parents by binary tournament (lower front rank,
/// then larger crowding distance), makes children by simulated binary crossover and
/// polynomial mutation within the variables' bounds, and keeps the best of parents and
/// children by non-dominated sorting and crowding distance.
public enum NSGA2 {
    public struct Options: Sendable {
        public var populationSize = 100
        public var generations = 500
        /// Probability that a pair of parents is crossed (else copied).
        public var crossoverProbability = 0.9
        /// SBX's distribution index eta_c (larger: children closer to their parents).
        public var crossoverDistributionIndex = 20.0
        /// Per-variable mutation probability; nil means 1 / variables.
        public var mutationProbability: Double?
        /// Polynomial mutation's distribution index eta_m.
        public var mutationDistributionIndex = 20.0

        public init(populationSize: Int = 100, generations: Int = 500, crossoverProbability: Double = 0.9,
                    crossoverDistributionIndex: Double = 20, mutationProbability: Double? = nil,
                    mutationDistributionIndex: Double = 20) {
            self.populationSize = populationSize
            self.generations = generations
            self.crossoverProbability = crossoverProbability
            self.crossoverDistributionIndex = crossoverDistributionIndex
            self.mutationProbability = mutationProbability
            self.mutationDistributionIndex = mutationDistributionIndex
        }
    }

    public struct Result: Sendable {
        /// The final population.
        public var population: [[Double]]
        /// Their objective vectors.
        public var objectives: [[Double]]
        /// Indices into `population` of the non-dominated members.
        public var front: [Int]
        public var evaluations: Int
    }

    /// Minimises `objectives` from `initial` (trimmed to, or grown by mutation to, the
    /// population size) within `lower...upper` per variable.
    public static func minimise(initial: [[Double]], lower: [Double], upper: [Double], options: Options,
                                generator: inout SeededGenerator,
                                objectives evaluate: ([Double]) -> [Double]) throws(SolverError) -> Result {
        let n = lower.count
        guard upper.count == n, n > 0 else { throw SolverError("NSGA-II: \(lower.count) lower and \(upper.count) upper bounds") }
        guard zip(lower, upper).allSatisfy({ $0 <= $1 }) else { throw SolverError("NSGA-II: a lower bound exceeds its upper bound") }
        guard !initial.isEmpty, initial.allSatisfy({ $0.count == n }) else {
            throw SolverError("NSGA-II: the initial population must be non-empty vectors of \(n) variables")
        }
        guard options.populationSize >= 4, options.populationSize % 2 == 0 else {
            throw SolverError("NSGA-II: the population size must be even and at least 4 (got \(options.populationSize))")
        }
        let mutation = options.mutationProbability ?? 1 / Double(n)
        var population = initial.map { clamp($0, lower, upper) }
        var scores = population.map(evaluate)
        var evaluations = scores.count
        while population.count < options.populationSize {
            let parent = population[Int(generator.next() % UInt64(population.count))]
            let child = polynomialMutation(parent, lower: lower, upper: upper, eta: options.mutationDistributionIndex,
                                           probability: max(mutation, 0.5), generator: &generator)
            population.append(child)
            scores.append(evaluate(child))
            evaluations += 1
        }
        (population, scores) = survivors(population, scores, count: options.populationSize)
        for _ in 0..<options.generations {
            let (rank, crowding) = rankAndCrowding(scores)
            var children: [[Double]] = []
            children.reserveCapacity(options.populationSize)
            while children.count < options.populationSize {
                let a = tournament(rank, crowding, &generator), b = tournament(rank, crowding, &generator)
                var (c1, c2) = (population[a], population[b])
                if generator.nextUniform() < options.crossoverProbability {
                    (c1, c2) = simulatedBinaryCrossover(c1, c2, lower: lower, upper: upper,
                                                        eta: options.crossoverDistributionIndex, generator: &generator)
                }
                children.append(polynomialMutation(c1, lower: lower, upper: upper, eta: options.mutationDistributionIndex,
                                                   probability: mutation, generator: &generator))
                children.append(polynomialMutation(c2, lower: lower, upper: upper, eta: options.mutationDistributionIndex,
                                                   probability: mutation, generator: &generator))
            }
            let childScores = children.map(evaluate)
            evaluations += children.count
            (population, scores) = survivors(population + children, scores + childScores, count: options.populationSize)
        }
        let front = nonDominatedSort(scores).first ?? []
        return Result(population: population, objectives: scores, front: front, evaluations: evaluations)
    }

    /// Fronts of non-dominated sorting (Deb's fast procedure): indices of front 0 (dominated
    /// by none), front 1 (dominated only by front 0), and so on.
    public static func nonDominatedSort(_ scores: [[Double]]) -> [[Int]] {
        let count = scores.count
        var dominatedBy = [Int](repeating: 0, count: count)
        var dominates = [[Int]](repeating: [], count: count)
        for i in 0..<count {
            for j in (i + 1)..<count {
                if dominance(scores[i], scores[j]) { dominates[i].append(j); dominatedBy[j] += 1 }
                else if dominance(scores[j], scores[i]) { dominates[j].append(i); dominatedBy[i] += 1 }
            }
        }
        var fronts: [[Int]] = []
        var current = (0..<count).filter { dominatedBy[$0] == 0 }
        while !current.isEmpty {
            fronts.append(current)
            var next: [Int] = []
            for i in current {
                for j in dominates[i] {
                    dominatedBy[j] -= 1
                    if dominatedBy[j] == 0 { next.append(j) }
                }
            }
            current = next.sorted()
        }
        return fronts
    }

    /// `a` dominates `b`: no worse in every objective, better in one.
    public static func dominance(_ a: [Double], _ b: [Double]) -> Bool {
        var better = false
        for (x, y) in zip(a, b) {
            if x > y { return false }
            if x < y { better = true }
        }
        return better
    }

    /// Crowding distance of each member of `front` (in its order): the sum over objectives
    /// of the normalised gap between its neighbours; the extremes get infinity.
    public static func crowdingDistance(_ scores: [[Double]], front: [Int]) -> [Double] {
        let m = front.count
        var distance = [Double](repeating: 0, count: m)
        guard m > 2, let objectives = scores.first?.count else { return [Double](repeating: .infinity, count: m) }
        for k in 0..<objectives {
            let order = (0..<m).sorted { (scores[front[$0]][k], front[$0]) < (scores[front[$1]][k], front[$1]) }
            let low = scores[front[order[0]]][k], high = scores[front[order[m - 1]]][k]
            distance[order[0]] = .infinity
            distance[order[m - 1]] = .infinity
            guard high > low else { continue }
            for p in 1..<(m - 1) {
                distance[order[p]] += (scores[front[order[p + 1]]][k] - scores[front[order[p - 1]]][k]) / (high - low)
            }
        }
        return distance
    }

    /// Simulated binary crossover (Deb and Agrawal, 1995) with the bounded spread of Deb's
    /// NSGA-II code: each variable is crossed with probability 1/2.
    public static func simulatedBinaryCrossover(_ p1: [Double], _ p2: [Double], lower: [Double], upper: [Double],
                                                eta: Double, generator: inout SeededGenerator) -> ([Double], [Double]) {
        var c1 = p1, c2 = p2
        for i in p1.indices where generator.nextUniform() <= 0.5 {
            let (x1, x2) = (min(p1[i], p2[i]), max(p1[i], p2[i]))
            guard x2 - x1 > 1e-14 else { continue }
            let (yl, yu) = (lower[i], upper[i])
            let u = generator.nextUniform()
            func betaQ(_ beta: Double) -> Double {
                let alpha = 2 - pow(beta, -(eta + 1))
                return u <= 1 / alpha ? pow(u * alpha, 1 / (eta + 1)) : pow(1 / (2 - u * alpha), 1 / (eta + 1))
            }
            let b1 = betaQ(1 + 2 * (x1 - yl) / (x2 - x1))
            let b2 = betaQ(1 + 2 * (yu - x2) / (x2 - x1))
            var y1 = min(max(0.5 * ((x1 + x2) - b1 * (x2 - x1)), yl), yu)
            var y2 = min(max(0.5 * ((x1 + x2) + b2 * (x2 - x1)), yl), yu)
            if generator.nextUniform() <= 0.5 { swap(&y1, &y2) }
            c1[i] = y1
            c2[i] = y2
        }
        return (c1, c2)
    }

    /// Polynomial mutation (Deb and Goyal, 1996) in its bounded form: each variable moves with
    /// `probability` by a perturbation whose spread shrinks as `eta` grows.
    public static func polynomialMutation(_ x: [Double], lower: [Double], upper: [Double], eta: Double,
                                          probability: Double, generator: inout SeededGenerator) -> [Double] {
        var y = x
        for i in x.indices where generator.nextUniform() < probability {
            let (yl, yu) = (lower[i], upper[i])
            guard yu > yl else { continue }
            let d1 = (x[i] - yl) / (yu - yl), d2 = (yu - x[i]) / (yu - yl)
            let u = generator.nextUniform()
            let power = 1 / (eta + 1)
            let dq: Double
            if u < 0.5 {
                let v = 2 * u + (1 - 2 * u) * pow(1 - d1, eta + 1)
                dq = pow(v, power) - 1
            } else {
                let v = 2 * (1 - u) + 2 * (u - 0.5) * pow(1 - d2, eta + 1)
                dq = 1 - pow(v, power)
            }
            y[i] = min(max(x[i] + dq * (yu - yl), yl), yu)
        }
        return y
    }

    /// Front rank and crowding distance of every member.
    static func rankAndCrowding(_ scores: [[Double]]) -> (rank: [Int], crowding: [Double]) {
        var rank = [Int](repeating: 0, count: scores.count)
        var crowding = [Double](repeating: 0, count: scores.count)
        for (r, front) in nonDominatedSort(scores).enumerated() {
            for (p, d) in zip(front, crowdingDistance(scores, front: front)) {
                rank[p] = r
                crowding[p] = d
            }
        }
        return (rank, crowding)
    }

    static func tournament(_ rank: [Int], _ crowding: [Double], _ generator: inout SeededGenerator) -> Int {
        let a = Int(generator.next() % UInt64(rank.count)), b = Int(generator.next() % UInt64(rank.count))
        if rank[a] != rank[b] { return rank[a] < rank[b] ? a : b }
        if crowding[a] != crowding[b] { return crowding[a] > crowding[b] ? a : b }
        return min(a, b)
    }

    /// The `count` best by front, then crowding distance (ties by index, for determinism).
    static func survivors(_ population: [[Double]], _ scores: [[Double]], count: Int) -> ([[Double]], [[Double]]) {
        var kept: [Int] = []
        for front in nonDominatedSort(scores) {
            if kept.count + front.count <= count {
                kept += front
                continue
            }
            let distance = crowdingDistance(scores, front: front)
            let order = front.indices.sorted { (distance[$0], -front[$0]) > (distance[$1], -front[$1]) }
            kept += order.prefix(count - kept.count).map { front[$0] }
            break
        }
        return (kept.map { population[$0] }, kept.map { scores[$0] })
    }

    static func clamp(_ x: [Double], _ lower: [Double], _ upper: [Double]) -> [Double] {
        x.indices.map { min(max(x[$0], lower[$0]), upper[$0]) }
    }
}
