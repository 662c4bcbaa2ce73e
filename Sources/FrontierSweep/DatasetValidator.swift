/// Decides at submit time whether a sweep's dataset exists, so a sweep naming an
/// unknown dataset is refused instead of waiting forever for a worker that holds it.
///
/// The coordinator calls it once per submitted sweep, after the spec parsed. How
/// datasets are named (built-in names, recipe files) is the implementation's
/// business; the cluster only needs a yes or a `SweepSpecError` saying why not
/// (path `dataset`).
public protocol DatasetValidator: Sendable {
    /// Throws when `dataset` is not a dataset this cluster can run.
    func validate(dataset: String) throws(SweepSpecError)
}

/// Accepts every dataset name: the default until a catalog-backed validator is plugged in.
public struct AcceptAnyDataset: DatasetValidator {
    public init() {}
    public func validate(dataset: String) throws(SweepSpecError) {}
}
