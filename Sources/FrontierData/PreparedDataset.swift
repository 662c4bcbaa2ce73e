import FrontierML

/// A prepared dataset with the preprocessing fitted on its training rows, which turns
/// raw rows in the recipe's columns into the same feature rows (a model file keeps it).
public struct PreparedDataset: Sendable {
    public var dataset: Dataset
    public var preprocessing: FittedPreprocessing

    public init(dataset: Dataset, preprocessing: FittedPreprocessing) {
        self.dataset = dataset
        self.preprocessing = preprocessing
    }
}
