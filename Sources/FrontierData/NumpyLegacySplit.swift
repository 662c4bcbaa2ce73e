/// The train/test row selections of the MTL paper's code (`data.py` of the authors' repository),
/// reproduced exactly from numpy's legacy `RandomState`.
///
/// Both functions return row indices into the table as loaded (after any rows the authors drop
/// first, such as Auto MPG's six cars without horsepower), and the ORDER of the indices is part of
/// the result: the Python libraries return the selected rows in draw order, and that order reaches
/// training through mini-batch shuffles and the validation split. Keep it when gathering rows.
public enum NumpyLegacySplit {
    /// Row indices of a training and a test set.
    public struct Rows: Equatable, Sendable {
        /// Training rows, in the order the Python library returns them.
        public var train: [Int]
        /// Test rows, in the order the Python library returns them.
        public var test: [Int]

        public init(train: [Int], test: [Int]) {
            self.train = train
            self.test = test
        }
    }

    /// scikit-learn's `train_test_split(rows, test_size: testFraction, random_state: seed)` with
    /// shuffling and no stratification (Housing, Auto MPG and Titanic in the paper's code).
    ///
    /// scikit-learn takes `n_test = ceil(testFraction * n)` and `n_train = n - n_test`, draws
    /// `RandomState(seed).permutation(n)` (ShuffleSplit) and returns `train = perm[n_test ..< n]`,
    /// `test = perm[0 ..< n_test]`, both in permutation order (not sorted).
    public static func scikitLearnTrainTestSplit(rowCount n: Int, testFraction: Double, seed: UInt32) -> Rows {
        precondition(n > 0, "train_test_split: no rows")
        precondition(testFraction > 0 && testFraction < 1, "train_test_split: test fraction \(testFraction) is not in (0, 1)")
        // The same double-precision product Python computes, so the ceiling lands on the same integer.
        let testCount = Int((testFraction * Double(n)).rounded(.up))
        precondition(testCount < n, "train_test_split: a test fraction of \(testFraction) leaves no training rows of \(n)")
        var random = NumpyLegacyRandom(seed: seed)
        let permutation = random.permutation(n)
        return Rows(train: Array(permutation[testCount...]), test: Array(permutation[..<testCount]))
    }

    /// pandas' `train = df.sample(frac: 1 - testFraction, random_state: seed)` and
    /// `test = df.drop(train.index)` (Wine Quality in the paper's code).
    ///
    /// pandas takes `round(frac * n)` rows (Python's `round`: halves go to the even integer) with
    /// `RandomState(seed).choice(n, size, replace=False)`, which is a prefix of `permutation(n)`;
    /// the training rows come in draw order, the test rows (everything not drawn) in file order.
    /// `frac` is computed as `1.0 - testFraction`, as the authors' code computes it.
    public static func pandasSample(rowCount n: Int, testFraction: Double, seed: UInt32) -> Rows {
        precondition(n > 0, "sample: no rows")
        precondition(testFraction > 0 && testFraction < 1, "sample: test fraction \(testFraction) is not in (0, 1)")
        let fraction = 1.0 - testFraction
        let trainCount = Int((fraction * Double(n)).rounded(.toNearestOrEven))
        var random = NumpyLegacyRandom(seed: seed)
        let train = random.choiceWithoutReplacement(from: n, size: trainCount)
        var drawn = [Bool](repeating: false, count: n)
        for row in train { drawn[row] = true }
        return Rows(train: train, test: (0..<n).filter { !drawn[$0] })
    }
}
