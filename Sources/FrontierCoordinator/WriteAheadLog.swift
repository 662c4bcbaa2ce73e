import Foundation

/// The coordinator database's write-ahead log (`coordinator.sqlite-wal`), checked
/// before SQLite opens the database.
///
/// SQLite trusts the WAL blindly: a file whose header does not check out is
/// ignored and later overwritten, so every change since the last checkpoint is
/// silently lost. The header is 32 bytes: a magic number (whose low bit gives the
/// byte order of the checksums), format version 3007000, page size, checkpoint
/// sequence, two salts, and a checksum of the first 24 bytes (sqlite.org/fileformat2.html#walformat).
struct WriteAheadLog {
    /// What was found before the database was opened.
    enum State: Equatable {
        /// No WAL file: fine after a clean shutdown, a loss otherwise.
        case absent
        /// An empty WAL (truncated by a checkpoint) or a valid one.
        case usable
    }

    let path: String
    private let existedBefore: Bool

    init(databasePath: String) {
        path = databasePath + "-wal"
        existedBefore = FileManager.default.fileExists(atPath: path)
    }

    /// Checks the WAL; with `force`, a corrupt one is renamed aside instead of refused.
    func prepare(force: Bool) throws -> State {
        guard existedBefore else { return .absent }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw CoordinatorStoreError.walCorrupt(path: path, detail: "it cannot be read")
        }
        guard !bytes.isEmpty, let problem = Self.headerProblem(bytes) else { return .usable }
        guard force else { throw CoordinatorStoreError.walCorrupt(path: path, detail: problem) }
        let aside = path + ".corrupt-\(Int(Date().timeIntervalSince1970))"
        do {
            try FileManager.default.moveItem(atPath: path, toPath: aside)
            // The shared-memory index describes the WAL just set aside.
            try? FileManager.default.removeItem(atPath: String(path.dropLast(4)) + "-shm")
        } catch {
            throw CoordinatorStoreError.walCorrupt(path: path, detail: "\(problem); setting it aside failed: \(error)")
        }
        return .absent
    }

    /// Removes the empty WAL (and index) SQLite created while the database was checked and refused.
    func removeIfCreatedEmpty() {
        guard !existedBefore, (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 0 else { return }
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: String(path.dropLast(4)) + "-shm")
    }

    /// Why `bytes` do not start with a valid WAL header, nil when they do.
    static func headerProblem(_ bytes: Data) -> String? {
        guard bytes.count >= 32 else { return "\(bytes.count) bytes, shorter than a WAL header" }
        let header = [UInt8](bytes.prefix(32))
        func bigEndian(_ offset: Int) -> UInt32 {
            header[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
        }
        let magic = bigEndian(0)
        guard magic == 0x377F_0682 || magic == 0x377F_0683 else {
            return String(format: "bad magic number %08x", magic)
        }
        guard bigEndian(4) == 3_007_000 else { return "unknown format version \(bigEndian(4))" }
        let pageSize = bigEndian(8)
        guard pageSize >= 512, pageSize <= 65_536, pageSize & (pageSize - 1) == 0 else {
            return "impossible page size \(pageSize)"
        }
        let wordsBigEndian = magic & 1 == 1
        func word(_ offset: Int) -> UInt32 {
            wordsBigEndian ? bigEndian(offset) : UInt32(bigEndian(offset).byteSwapped)
        }
        var s0: UInt32 = 0, s1: UInt32 = 0
        for offset in stride(from: 0, to: 24, by: 8) {
            s0 = s0 &+ word(offset) &+ s1
            s1 = s1 &+ word(offset + 4) &+ s0
        }
        guard s0 == bigEndian(24), s1 == bigEndian(28) else { return "header checksum mismatch" }
        return nil
    }
}
