// Stateful Java kernel: the jdk.jshell API with the in-process ("local") execution engine.
// The remote (JDI) engine costs ~190 ms a snippet; local costs ~10 ms, measured on a 2-core box.
// Requests arrive on the pipe named by AGB_PROTO_IN, one per line: "R <id> <base64 code>" runs a
// cell, "I" interrupts the running one. JSON-line replies go to the pipe named by AGB_PROTO_OUT.
// The JDK has no JSON parser, hence base64 requests; replies are JSON written by hand.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.concurrent.*;
import jdk.jshell.*;
import jdk.jshell.SourceCodeAnalysis.Completeness;

public class JShellDriver {
    static PrintStream proto;
    static volatile long currentId = -1;

    static synchronized void send(String json) {
        proto.print(json);
        proto.print('\n');
        proto.flush();
    }

    static String q(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** Collects what a snippet prints and forwards it as stdout/stderr events of the running cell. */
    static class Capture extends OutputStream {
        final String kind;
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Capture(String kind) { this.kind = kind; }
        @Override public synchronized void write(int b) { buf.write(b); if (b == '\n') flush(); }
        @Override public synchronized void write(byte[] b, int off, int len) { buf.write(b, off, len); flush(); }
        @Override public synchronized void flush() {
            if (buf.size() == 0) return;
            String text = new String(buf.toByteArray(), StandardCharsets.UTF_8);
            buf.reset();
            send("{\"id\":" + currentId + ",\"type\":" + q(kind) + ",\"chunk\":" + q(text) + "}");
        }
    }

    public static void main(String[] args) throws Exception {
        proto = new PrintStream(new FileOutputStream("/proc/self/fd/" + System.getenv("AGB_PROTO_OUT")), false, "UTF-8");
        BufferedReader in = new BufferedReader(new InputStreamReader(
            new FileInputStream("/proc/self/fd/" + System.getenv("AGB_PROTO_IN")), StandardCharsets.UTF_8));
        Capture outCap = new Capture("stdout"), errCap = new Capture("stderr");
        PrintStream out = new PrintStream(outCap, true, "UTF-8"), err = new PrintStream(errCap, true, "UTF-8");
        System.setOut(out);
        System.setErr(err);
        System.setIn(new ByteArrayInputStream(new byte[0]));

        JShell js = JShell.builder().executionEngine("local").out(out).err(err).build();
        SourceCodeAnalysis sca = js.sourceCodeAnalysis();
        js.eval("import java.util.*;");
        js.eval("import java.util.stream.*;");
        js.eval("import java.io.*;");
        js.eval("import java.math.*;");

        BlockingQueue<String[]> jobs = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("I")) { if (currentId >= 0) js.stop(); continue; }
                    String[] p = line.split(" ", 3);
                    if (p.length == 3 && p[0].equals("R")) jobs.put(new String[] {p[1], p[2]});
                }
            } catch (Exception e) { /* fall through: the agent went away */ }
            System.exit(0);
        });
        reader.setDaemon(true);
        reader.start();
        send("{\"id\":0,\"type\":\"ready\"}");

        while (true) {
            String[] job = jobs.take();
            long id = Long.parseLong(job[0]);
            String code = new String(Base64.getDecoder().decode(job[1]), StandardCharsets.UTF_8);
            currentId = id;
            String value = null, error = null;
            try {
                String remaining = code;
                while (error == null && !remaining.isBlank()) {
                    SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(remaining);
                    String src;
                    if (ci.completeness() == Completeness.EMPTY) break;
                    if (ci.completeness().isComplete()) { src = ci.source(); remaining = ci.remaining(); }
                    else { src = remaining; remaining = ""; }
                    value = null;
                    for (SnippetEvent ev : js.eval(src)) {
                        if (ev.causeSnippet() != null) continue;
                        Snippet sn = ev.snippet();
                        if (ev.status() == Snippet.Status.REJECTED) {
                            StringBuilder msg = new StringBuilder();
                            js.diagnostics(sn).forEach(d -> {
                                if (msg.length() > 0) msg.append("; ");
                                msg.append(d.getMessage(Locale.ROOT).replaceAll("\\s+", " ").strip());
                            });
                            String text = msg.length() > 0 ? msg.toString() : "the snippet was rejected: " + src.strip();
                            error = "{\"name\":\"CompilationError\",\"value\":" + q(text) + ",\"traceback\":" + q(src.strip()) + "}";
                            break;
                        }
                        if (ev.exception() != null) {
                            Throwable t = ev.exception();
                            String name = t instanceof EvalException ? ((EvalException) t).getExceptionClassName()
                                : t instanceof UnresolvedReferenceException ? "UnresolvedReference" : t.getClass().getName();
                            StringWriter sw = new StringWriter();
                            t.printStackTrace(new PrintWriter(sw));
                            String msg = t.getMessage();
                            if (t instanceof UnresolvedReferenceException) {
                                msg = "unresolved reference in " + ((UnresolvedReferenceException) t).getSnippet().source().strip();
                            }
                            String tb = sw.toString().replace("jdk.jshell.EvalException: ", name + ": ");
                            error = "{\"name\":" + q(name) + ",\"value\":" + q(msg == null ? "" : msg) + ",\"traceback\":" + q(tb) + "}";
                            break;
                        }
                        boolean expr = sn.kind() == Snippet.Kind.EXPRESSION
                            || (sn.kind() == Snippet.Kind.VAR && sn.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
                        if (expr && ev.value() != null) value = ev.value();
                    }
                }
            } catch (Throwable t) {
                error = "{\"name\":" + q(t.getClass().getName()) + ",\"value\":" + q(String.valueOf(t.getMessage())) + ",\"traceback\":\"\"}";
            }
            out.flush();
            err.flush();
            currentId = -1;
            send("{\"id\":" + id + ",\"type\":\"done\",\"value\":" + q(value) + ",\"error\":" + (error == null ? "null" : error) + "}");
        }
    }
}
