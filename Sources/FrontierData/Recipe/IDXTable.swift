/// An IDX images file and its labels file as a table: one row per image, columns
/// `pixel_<row>_<column>` with the raw integer values, then `label`. As text, so
/// splits, shards and column rules treat MNIST like any other table.
enum IDXTable {
    static func read(images: String, labels: String, imagesName: String, labelsName: String) throws(DataError) -> DelimitedTable {
        let imageFile = try IDXFile(contentsOfFile: images, displayName: imagesName)
        let labelFile = try IDXFile(contentsOfFile: labels, displayName: labelsName)
        let values = try labelFile.labels()
        guard imageFile.dimensions.count >= 2, imageFile.elementType == .unsignedByte else {
            throw DataError(file: imagesName, message: "expected 8-bit images (items x height x width)")
        }
        guard values.count == imageFile.itemCount else {
            throw DataError(file: labelsName, message: "\(values.count) labels for the \(imageFile.itemCount) images of \(imagesName)")
        }
        let shape = Array(imageFile.dimensions.dropFirst())
        let width = shape.count >= 2 ? shape[1] : shape[0]
        let names = (0..<imageFile.itemSize).map { "pixel_\($0 / width)_\($0 % width)" } + ["label"]
        let pixels = imageFile.values()
        let size = imageFile.itemSize
        var rows: [[String]] = []
        rows.reserveCapacity(values.count)
        for item in 0..<values.count {
            var row = (0..<size).map { String(Int(pixels[item * size + $0])) }
            row.append(String(values[item]))
            rows.append(row)
        }
        return DelimitedTable(source: imagesName, columnNames: names, rows: rows, lineNumbers: Array(1..<(values.count + 1)))
    }
}
