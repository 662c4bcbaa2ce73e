import FrontierProtocol

/// Front updates held back between two sends to live readers, as one update: each row in its
/// newest state (updates replace rows by `row_key`, so a reader applying the merged update
/// ends where applying each in turn would), with the sequence number, hypervolume and
/// reference point of the newest. Its sequence may then skip numbers; readers apply any update
/// newer than what they hold (docs/web.md).
struct MergedFrontUpdate {
    private(set) var message: FrontUpdate
    private var rowIndex: [String: Int] = [:]

    init(_ first: FrontUpdate) {
        message = first
        message.rows = []
        merge(first)
    }

    mutating func merge(_ next: FrontUpdate) {
        for row in next.rows {
            if let i = rowIndex[row.rowKey] {
                message.rows[i] = row
            } else {
                rowIndex[row.rowKey] = message.rows.count
                message.rows.append(row)
            }
        }
        message.sequence = next.sequence
        message.hypervolume = next.hypervolume
        message.referencePoint = next.referencePoint
    }
}
