extension DatasetRecipe {
    /// The rows numpy's legacy RandomState selects (see `Split.numpyLegacy`), each part
    /// returned as the Python library orders it (the recipe then keeps file order).
    static func numpyLegacy(rows: Int, fraction: Double, seed: UInt64, function: Split.NumpyFunction,
                            source: String) throws(DataError) -> (train: [Int], test: [Int]) {
        guard rows >= 2 else { throw DataError(file: source, message: "\(rows) rows are too few to split") }
        let split = switch function {
        case .trainTestSplit: NumpyLegacySplit.scikitLearnTrainTestSplit(rowCount: rows, testFraction: fraction,
                                                                         seed: UInt32(seed))
        case .sample: NumpyLegacySplit.pandasSample(rowCount: rows, testFraction: fraction, seed: UInt32(seed))
        }
        guard !split.train.isEmpty, !split.test.isEmpty else {
            throw DataError(file: source, message: "\(rows) rows are too few for a \(fraction) test fraction")
        }
        return (split.train, split.test)
    }
}
