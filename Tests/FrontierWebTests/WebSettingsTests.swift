import Testing
import FrontierCoordinator
@testable import FrontierWeb

@Suite("WebSettings")
struct WebSettingsTests {
    @Test func addresses() throws {
        #expect(try WebAddress(parsing: "127.0.0.1:8080") == WebAddress(host: "127.0.0.1", port: 8080))
        #expect(try WebAddress(parsing: "[::1]:0") == WebAddress(host: "::1", port: 0))
        #expect(try WebAddress(parsing: "127.3.2.1:1").isLoopback)
        #expect(try WebAddress(parsing: "localhost:80").isLoopback)
        #expect(try !WebAddress(parsing: "0.0.0.0:80").isLoopback)
        #expect(try !WebAddress(parsing: "127.example.org:80").isLoopback)
        #expect(try !WebAddress(parsing: "10.1.2.3:80").isLoopback)
        #expect(throws: WebError.self) { try WebAddress(parsing: "8080") }
        #expect(throws: WebError.self) { try WebAddress(parsing: "host:99999") }
        #expect(throws: WebError.self) { try WebAddress(parsing: ":80") }
    }

    @Test func tokens() throws {
        let token = try AccessToken("  0123456789abcdef-secret \n")
        #expect(token.matches("0123456789abcdef-secret"))
        #expect(!token.matches("0123456789abcdef-secreT"))
        #expect(!token.matches("0123456789abcdef-secre"))
        #expect(!token.matches(""))
        // A repetition of the token is not the token.
        #expect(!token.matches(String(repeating: "0123456789abcdef-secret", count: 12)))
        #expect(throws: WebError.self) { try AccessToken("short") }
        #expect(throws: WebError.self) { try AccessToken("0123456789 abcdef-secret") }
        #expect(throws: WebError.self) { try AccessToken(contentsOf: "/nonexistent/token") }
    }

    @Test func serverRefusesOpenAddressWithoutToken() throws {
        let observatoryFree = WebAddress(host: "0.0.0.0", port: 0)
        #expect(throws: WebError.tokenRequired(observatoryFree)) {
            try WebServer(observatory: .init(), address: observatoryFree, token: nil)
        }
        #expect("\(WebError.tokenRequired(observatoryFree))".contains("--http-token"))
    }

    @Test func prometheusText() {
        var text = PrometheusText()
        text.family("x_total", "counter", help: "a line\nand a \\ backslash")
        text.sample("x_total", [("reason", "a \"b\"\n")], 3)
        let histogram = LatencyHistogram(upperBounds: [0.1, 1])
        histogram.observe(0.0625)
        histogram.observe(0.5)
        histogram.observe(4.0)
        text.histogram("y_seconds", help: "y", histogram.reading())
        #expect(text.text == """
            # HELP x_total a line\\nand a \\\\ backslash
            # TYPE x_total counter
            x_total{reason="a \\"b\\"\\n"} 3
            # HELP y_seconds y
            # TYPE y_seconds histogram
            y_seconds_bucket{le="0.1"} 1
            y_seconds_bucket{le="1"} 2
            y_seconds_bucket{le="+Inf"} 3
            y_seconds_sum 4.5625
            y_seconds_count 3

            """)
    }
}
