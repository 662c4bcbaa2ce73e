import Foundation

extension DatasetSource {
    /// The recipe that reads one shard written by `ShardSplitter` (relative to the shard directory).
    ///
    /// A shard holds the dataset's raw text fields as comma-separated values with a
    /// header (`train.csv`) and its own held-out rows (`test.csv`), so the derived
    /// recipe keeps the original's target, column rules and missing markers and
    /// changes only where and how the text is read.
    ///
    /// Generated datasets have no text to keep: their shards hold the generated
    /// features `x0`, `x1`, ... and the target `y`. Classification labels are written
    /// `1`/`0`; regression targets are written already standardised by the generator
    /// and are *not* standardised again, so every shard's MSE is on one common scale.
    public var shardRecipe: DatasetRecipe {
        let files = DatasetRecipe.Files(data: ShardSplitter.trainFile, test: ShardSplitter.testFile)
        switch self {
        case .recipe(let original):
            var recipe = original
            recipe.files = files
            recipe.layout = .delimited
            recipe.format = DelimitedTextFormat(separator: .character(","), hasHeader: true, skipLeadingLines: 0,
                                                trimsFields: original.format.trimsFields,
                                                missingMarkers: original.format.missingMarkers)
            recipe.testSkipRows = 0
            recipe.columnNames = nil
            recipe.split = .testFile
            return recipe
        case .synthetic(let synthetic):
            let task: DatasetRecipe.Task = synthetic.kind == .classification
                ? .binary(positive: "1", negative: "0") : .regression(standardise: false)
            return DatasetRecipe(name: synthetic.name, summary: synthetic.summary, files: files,
                                 target: .init(column: ShardSplitter.syntheticTarget, task: task), split: .testFile)
        }
    }
}
