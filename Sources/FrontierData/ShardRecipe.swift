import Foundation

extension DatasetCatalog.Entry {
    /// The recipe that reads one shard written by `ShardSplitter` from `folder`
    /// (relative to the data directory it is loaded from).
    ///
    /// A shard holds the dataset's raw text fields as comma-separated values with a
    /// header (`train.csv`) and its own held-out rows (`test.csv`), so the derived
    /// recipe keeps the original's target, categoricals, dropped columns, label
    /// suffix and decimal repairs and changes only where and how the text is read.
    ///
    /// Synthetic datasets have no text to keep: their shards hold the generated
    /// features `x0`, `x1`, ... and the target `y`. Classification labels are written
    /// `1`/`0`; regression targets are written already standardised by the generator
    /// and are *not* standardised again, so every shard's MSE is on one common scale.
    public func shardRecipe(folder: String) -> DatasetRecipe {
        switch self {
        case .recipe(let original):
            var recipe = original
            recipe.folder = folder
            recipe.file = ShardSplitter.trainFile
            recipe.format = DelimitedTextFormat(separator: .character(","), hasHeader: true, skipLeadingLines: 0,
                                                trimsFields: original.format.trimsFields,
                                                missingMarkers: original.format.missingMarkers)
            recipe.testSplit = .file(ShardSplitter.testFile, skipLeadingLines: 0)
            recipe.documentedRows = (0, nil)
            return recipe
        case .synthetic(let synthetic):
            let target: DatasetRecipe.Target = synthetic.kind == .classification
                ? .binary(positive: "1", negative: "0") : .regression(standardised: false)
            return DatasetRecipe(name: synthetic.name, summary: synthetic.summary, folder: folder,
                                 file: ShardSplitter.trainFile, format: .csv,
                                 targetColumn: ShardSplitter.syntheticTarget, target: target,
                                 testSplit: .file(ShardSplitter.testFile, skipLeadingLines: 0), documentedRows: (0, nil))
        }
    }
}
