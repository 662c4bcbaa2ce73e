import CYaml
import Foundation

/// Bounds on a sweep file, checked before the YAML is turned into a tree, so a
/// hostile or broken spec costs the coordinator a bounded amount of time and memory.
///
/// A YAML alias repeats its anchor's whole subtree: nine levels of ten aliases each
/// (the "billion laughs") are 670 bytes of text and 10⁹ nodes once expanded, which
/// froze the coordinator's single thread. The nodes a spec expands to are therefore
/// counted on libyaml's event stream, where an alias is one event whose expanded
/// size is already known, and the spec is refused as soon as the count passes the
/// limit, before Yams composes anything.
public struct SpecLimits: Sendable, Hashable {
    /// Largest spec text in UTF-8 bytes.
    public var maxBytes: Int
    /// Deepest nesting of lists and maps (the document's root is depth 1), aliases expanded.
    public var maxDepth: Int
    /// Most nodes (scalars, lists, maps) once every alias is expanded.
    public var maxNodes: Int

    /// Limits far above any real sweep file (the paper's sweeps are about 50 nodes).
    public init(maxBytes: Int = 256 << 10, maxDepth: Int = 32, maxNodes: Int = 100_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    /// The limits the coordinator applies.
    public static let `default` = SpecLimits()

    /// Throws when `yaml` breaks a limit. Syntax errors are left for the YAML parser
    /// to report with their position: this pass only stops counting at one.
    public func check(_ yaml: String) throws(SweepSpecError) {
        let bytes = yaml.utf8.count
        guard bytes <= maxBytes else {
            throw SweepSpecError(path: "", "the sweep file is \(bytes) bytes; at most \(maxBytes) are accepted")
        }
        var counter = ExpansionCounter(limits: self)
        var copy = yaml
        let outcome = copy.withUTF8 { buffer in counter.scan(buffer) }
        if let problem = outcome { throw problem }
    }
}

/// Counts the nodes and depth a YAML document expands to, one libyaml event at a time.
private struct ExpansionCounter {
    /// An open list or map: its anchor, and the size and height of what it holds so far.
    struct Frame {
        var anchor: String?
        var nodes = 1
        var height = 1
    }

    let limits: SpecLimits
    var stack: [Frame] = []
    /// Expanded size and height of each anchored node seen so far.
    var anchors: [String: (nodes: Int, height: Int)] = [:]
    var total = 0

    init(limits: SpecLimits) { self.limits = limits }

    mutating func scan(_ text: UnsafeBufferPointer<UInt8>) -> SweepSpecError? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return SweepSpecError(path: "", "cannot start the YAML parser") }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, text.baseAddress, text.count)
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return nil }
            if let problem = take(event) { return problem }
        }
        return nil  // a syntax error: the composer reports it with its line and column
    }

    /// Accounts for one event; a problem once a limit is passed.
    private mutating func take(_ event: yaml_event_t) -> SweepSpecError? {
        switch event.type {
        case YAML_SCALAR_EVENT:
            return add(nodes: 1, height: 1, anchor: Self.name(event.data.scalar.anchor))
        case YAML_ALIAS_EVENT:
            // An undefined alias is the composer's error to report; it expands to nothing here.
            let anchored = Self.name(event.data.alias.anchor).flatMap { anchors[$0] } ?? (0, 0)
            return add(nodes: anchored.nodes, height: anchored.height, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            return open(anchor: Self.name(event.data.sequence_start.anchor))
        case YAML_MAPPING_START_EVENT:
            return open(anchor: Self.name(event.data.mapping_start.anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return nil }
            if let anchor = frame.anchor { anchors[anchor] = (frame.nodes, frame.height) }
            if !stack.isEmpty {
                stack[stack.count - 1].nodes += frame.nodes
                stack[stack.count - 1].height = max(stack[stack.count - 1].height, frame.height + 1)
            }
            return nil
        default:
            return nil  // stream and document markers
        }
    }

    private mutating func open(anchor: String?) -> SweepSpecError? {
        stack.append(Frame(anchor: anchor))
        total += 1
        return exceeded(depth: stack.count)
    }

    /// A finished node of `nodes` nodes and `height` levels inside the innermost open collection.
    private mutating func add(nodes: Int, height: Int, anchor: String?) -> SweepSpecError? {
        if let anchor { anchors[anchor] = (nodes, height) }
        total += nodes
        if !stack.isEmpty {
            stack[stack.count - 1].nodes += nodes
            stack[stack.count - 1].height = max(stack[stack.count - 1].height, height + 1)
        }
        return exceeded(depth: stack.count + height)
    }

    private func exceeded(depth: Int) -> SweepSpecError? {
        if total > limits.maxNodes {
            return SweepSpecError(path: "", "the sweep file expands to more than \(limits.maxNodes) values "
                                  + "(YAML aliases included); refused before expanding it")
        }
        if depth > limits.maxDepth {
            return SweepSpecError(path: "", "the sweep file nests deeper than \(limits.maxDepth) levels "
                                  + "(YAML aliases included)")
        }
        return nil
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: UnsafePointer($0)) }
    }
}
