/*
 * Axis oracle: runs the national document axis SDK's own edXML parser on
 * files and prints, as JSON, everything the SDK read from each one.
 *
 * The SDK is NOT part of this repository. This file only compiles against
 * its jars, which are supplied at run time (see README.md and run.sh).
 *
 * Usage: java -cp <classes>:<sdk>/lib/* Oracle (edoc|status) file...
 *
 * Output: one JSON object per input file, one per line:
 *   {"file": "...", "mode": "edoc", "result": { ...reflective dump... }}
 *   {"file": "...", "mode": "edoc", "error": "<class>: <message>", "cause": "..."}
 * Exit status: 0 if every file parsed, 1 if at least one printed an "error".
 *
 * The dump walks the returned object graph through public no-arg getters
 * (getX() / isX()). Objects from com.vnpt.* packages become JSON objects
 * (keys = getter name minus get/is, lowerCamelCase, sorted; "@type" holds the
 * simple class name), collections and arrays become arrays, Dates become
 * ISO-8601 strings in the JVM's default time zone (override with
 * -Duser.timezone=...). Byte arrays, files, streams and the base64 payload of
 * attachments (Attachment.contentTransferEncoded) are reduced to a length.
 */

import com.vnpt.xml.base.Base;
import com.vnpt.xml.ed.parser.EdXmlParser;
import com.vnpt.xml.status.parser.StatusXmlParser;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

public final class Oracle {

    private static final int MAX_DEPTH = 40;

    /**
     * Getters whose value is attachment payload (base64 text): only its length is
     * printed. Key = simple class name + "." + JSON key.
     */
    private static final Set<String> PAYLOAD_PROPERTIES =
            Collections.singleton("Attachment.contentTransferEncoded");

    /** Set when at least one file could not be parsed (exit status 1). */
    private static boolean anyError = false;

    public static void main(String[] args) {
        if (args.length < 2 || !(args[0].equals("edoc") || args[0].equals("status"))) {
            System.err.println("usage: Oracle (edoc|status) file...");
            System.exit(2);
        }
        String mode = args[0];
        // JSON goes to the real stdout as UTF-8; anything the SDK itself prints
        // to System.out is diverted to stderr so stdout stays one JSON per line.
        PrintStream json = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        for (int i = 1; i < args.length; i++) {
            json.println(processFile(mode, args[i]));
        }
        json.flush();
        System.exit(anyError ? 1 : 0);
    }


    /** Parses one file with the SDK and returns its JSON line. */
    static String processFile(String mode, String path) {
        StringBuilder out = new StringBuilder();
        out.append("{\"file\":").append(quote(path));
        out.append(",\"mode\":").append(quote(mode));
        Object parsed = null;
        try (InputStream in = new FileInputStream(new File(path))) {
            if (mode.equals("edoc")) {
                parsed = new EdXmlParser().parse(in);
            } else {
                parsed = StatusXmlParser.parse(in);
            }
            StringBuilder dump = new StringBuilder();
            new Dumper(dump).value(parsed, 0);
            out.append(",\"result\":").append(dump);
        } catch (Throwable t) {
            anyError = true;
            out.append(",\"error\":").append(quote(describe(t)));
            Throwable root = rootCause(t);
            if (root != t) {
                out.append(",\"cause\":").append(quote(describe(root)));
            }
        } finally {
            // The edoc parser extracts attachments into a temp directory; remove it.
            if (parsed instanceof Base) {
                try {
                    ((Base) parsed).clean();
                } catch (Throwable ignored) {
                    // best effort
                }
            }
        }
        out.append('}');
        return out.toString();
    }

    static String describe(Throwable t) {
        return t.getClass().getName() + ": " + t.getMessage();
    }

    static Throwable rootCause(Throwable t) {
        Throwable cur = t;
        while (cur.getCause() != null && cur.getCause() != cur) {
            cur = cur.getCause();
        }
        return cur;
    }

    /** Reflective JSON writer for the SDK object graph. */
    static final class Dumper {
        private final StringBuilder sb;
        /** Objects on the current path, to detect cycles. */
        private final Map<Object, Boolean> onPath = new IdentityHashMap<>();

        Dumper(StringBuilder sb) {
            this.sb = sb;
        }

        void value(Object v, int depth) {
            if (v == null) {
                sb.append("null");
            } else if (v instanceof String || v instanceof Character || v instanceof Enum) {
                sb.append(quote(v.toString()));
            } else if (v instanceof Boolean) {
                sb.append(v.toString());
            } else if (v instanceof Number) {
                number((Number) v);
            } else if (v instanceof Date) {
                sb.append(quote(isoDate((Date) v)));
            } else if (v instanceof byte[]) {
                sb.append("{\"@type\":\"byte[]\",\"length\":").append(((byte[]) v).length).append('}');
            } else if (v instanceof File) {
                File f = (File) v;
                sb.append("{\"@type\":\"File\",\"exists\":").append(f.exists())
                  .append(",\"length\":").append(f.length()).append('}');
            } else if (depth > MAX_DEPTH) {
                sb.append(quote("<max depth>"));
            } else if (onPath.containsKey(v)) {
                sb.append(quote("<cycle: " + v.getClass().getName() + ">"));
            } else if (v instanceof Collection || v.getClass().isArray() || v instanceof Map) {
                onPath.put(v, Boolean.TRUE);
                try {
                    container(v, depth);
                } finally {
                    onPath.remove(v);
                }
            } else if (isSdkClass(v.getClass())) {
                onPath.put(v, Boolean.TRUE);
                try {
                    bean(v, depth);
                } finally {
                    onPath.remove(v);
                }
            } else {
                // Anything else (e.g. a jdom2 node) is shown by its toString().
                sb.append(quote(v.toString()));
            }
        }

        private void number(Number n) {
            if ((n instanceof Double && (((Double) n).isNaN() || ((Double) n).isInfinite()))
                    || (n instanceof Float && (((Float) n).isNaN() || ((Float) n).isInfinite()))) {
                sb.append(quote(n.toString()));
            } else {
                sb.append(n.toString());
            }
        }

        private void container(Object v, int depth) {
            if (v instanceof Map) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (!first) sb.append(',');
                    first = false;
                    sb.append(quote(String.valueOf(e.getKey()))).append(':');
                    value(e.getValue(), depth + 1);
                }
                sb.append('}');
                return;
            }
            sb.append('[');
            if (v instanceof Collection) {
                boolean first = true;
                for (Object item : (Collection<?>) v) {
                    if (!first) sb.append(',');
                    first = false;
                    value(item, depth + 1);
                }
            } else {
                int n = Array.getLength(v);
                for (int i = 0; i < n; i++) {
                    if (i > 0) sb.append(',');
                    value(Array.get(v, i), depth + 1);
                }
            }
            sb.append(']');
        }

        private void bean(Object v, int depth) {
            // key -> getter; sorted for stable output
            Map<String, Method> getters = new TreeMap<>();
            for (Method m : v.getClass().getMethods()) {
                String key = propertyName(m);
                if (key == null) continue;
                Method previous = getters.get(key);
                // getFoo() and getfoo() both exist on some SDK classes; prefer getFoo().
                if (previous == null || (!isConventional(previous) && isConventional(m))) {
                    getters.put(key, m);
                }
            }
            sb.append("{\"@type\":").append(quote(v.getClass().getSimpleName()));
            for (Map.Entry<String, Method> e : getters.entrySet()) {
                sb.append(',').append(quote(e.getKey())).append(':');
                Method m = e.getValue();
                Class<?> rt = m.getReturnType();
                if (InputStream.class.isAssignableFrom(rt)
                        || java.io.OutputStream.class.isAssignableFrom(rt)
                        || java.io.Reader.class.isAssignableFrom(rt)
                        || java.io.Writer.class.isAssignableFrom(rt)) {
                    sb.append(quote("<stream: not read>"));
                    continue;
                }
                Object child;
                try {
                    if (!m.canAccess(v)) m.setAccessible(true);
                    child = m.invoke(v);
                } catch (InvocationTargetException ex) {
                    sb.append("{\"@getterError\":").append(quote(describe(ex.getCause()))).append('}');
                    continue;
                } catch (Throwable ex) {
                    sb.append("{\"@getterError\":").append(quote(describe(ex))).append('}');
                    continue;
                }
                if (child instanceof String
                        && PAYLOAD_PROPERTIES.contains(v.getClass().getSimpleName() + "." + e.getKey())) {
                    sb.append("{\"@type\":\"payload\",\"length\":")
                      .append(((String) child).length()).append('}');
                    continue;
                }
                value(child, depth + 1);
            }
            sb.append('}');
        }
    }

    static boolean isSdkClass(Class<?> c) {
        return c.getName().startsWith("com.vnpt.");
    }

    /** Returns the JSON key for a getter, or null if m is not a getter. */
    static String propertyName(Method m) {
        if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0) return null;
        Class<?> rt = m.getReturnType();
        if (rt == void.class) return null;
        String name = m.getName();
        String rest;
        if (name.startsWith("get") && name.length() > 3) {
            if (name.equals("getClass")) return null;
            rest = name.substring(3);
        } else if (name.startsWith("is") && name.length() > 2
                && (rt == boolean.class || rt == Boolean.class)) {
            rest = name.substring(2);
        } else {
            return null;
        }
        if (!Character.isLetter(rest.charAt(0))) return null;
        return lowerCamel(rest);
    }

    /** True if the character after get/is is upper case (getFoo rather than getfoo). */
    static boolean isConventional(Method m) {
        String name = m.getName();
        int prefix = name.startsWith("get") ? 3 : 2;
        return Character.isUpperCase(name.charAt(prefix));
    }

    /** "OrganId" -> "organId", "URI" -> "uri", "X509Data" -> "x509Data", "HTMLName" -> "htmlName". */
    static String lowerCamel(String s) {
        int run = 0;
        while (run < s.length() && Character.isUpperCase(s.charAt(run))) run++;
        if (run == 0) return s;
        int lower = run;
        if (run > 1 && run < s.length() && Character.isLowerCase(s.charAt(run))) {
            lower = run - 1; // keep the capital that starts the next word
        }
        return s.substring(0, lower).toLowerCase(Locale.ROOT) + s.substring(lower);
    }

    static String isoDate(Date d) {
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);
        return f.format(d);
    }

    /** JSON string literal with hand-written escaping. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                case '\b': b.append("\\b"); break;
                case '\f': b.append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
        return b.toString();
    }

    private Oracle() {
    }
}
