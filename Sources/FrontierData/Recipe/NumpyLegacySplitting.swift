extension DatasetRecipe {
    /// The rows numpy's legacy RandomState selects (see `Split.numpyLegacy`).
    static func numpyLegacy(rows: Int, fraction: Double, seed: UInt64, function: Split.NumpyFunction,
                            source: String) throws(DataError) -> (train: [Int], test: [Int]) {
        throw DataError(file: source, message: "numpy-legacy splits arrive with the data-pieces merge")
    }
}
