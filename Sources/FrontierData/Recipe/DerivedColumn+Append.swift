extension DatasetRecipe.DerivedColumn {
    /// `table` with `columns` appended, as text (Swift's shortest round-trip form, so reading
    /// it back gives the computed Double exactly). A missing or non-numeric operand, or a zero
    /// denominator, makes the derived value `missing`. Training rows and a model's raw rows
    /// both pass through here, so a saved model derives its columns as training did.
    static func append(_ columns: [Self], to table: DelimitedTable, missing: String) throws(DataError) -> DelimitedTable {
        var out = table
        for column in columns {
            guard !out.columnNames.contains(column.name) else {
                throw DataError(file: table.source, message: "derived column '\(column.name)' is already a column")
            }
            let n = try out.columnIndex(column.numerator), d = try out.columnIndex(column.denominator)
            for r in out.rows.indices {
                let value = Double(out.rows[r][n]).flatMap { a in Double(out.rows[r][d]).map { a / $0 } }
                out.rows[r].append(value.map { $0.isFinite ? "\($0)" : missing } ?? missing)
            }
            out.columnNames.append(column.name)
        }
        return out
    }
}
