//! JSON helpers that keep the wasm small.

/// Re-indents compact `serde_json` output exactly as `serde_json::to_string_pretty` would have printed it
/// (two-space indent, `": "` after keys, `[]` and `{}` for empty containers). Pretty-printing this way
/// instead of through serde_json's `PrettyFormatter` avoids a second copy of every `Serialize` impl in the
/// wasm (one per formatter).
pub fn pretty(compact: &str) -> String {
    let bytes = compact.as_bytes();
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if in_str {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_str = false;
            }
            continue;
        }
        // Everything outside a string is ASCII, so slicing at `i` is at a char boundary.
        match b {
            b'"' => in_str = true,
            b'{' | b'[' | b',' | b':' | b'}' | b']' => {
                out.push_str(&compact[start..i]);
                start = i + 1;
                match b {
                    b'{' | b'[' => {
                        out.push(b as char);
                        let close = if b == b'{' { b'}' } else { b']' };
                        if bytes.get(i + 1) != Some(&close) {
                            depth += 1;
                            newline(&mut out, depth);
                        }
                    }
                    b',' => {
                        out.push(',');
                        newline(&mut out, depth);
                    }
                    b':' => out.push_str(": "),
                    _ => {
                        let open = if b == b'}' { b'{' } else { b'[' };
                        if i > 0 && bytes[i - 1] != open {
                            depth = depth.saturating_sub(1);
                            newline(&mut out, depth);
                        }
                        out.push(b as char);
                    }
                }
            }
            _ => {}
        }
    }
    out.push_str(&compact[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::pretty;

    #[test]
    fn matches_serde_json_pretty() {
        let v = serde_json::json!({
            "a": [1, 2.5, -3e-7, {"b": [], "c": {}}],
            "s": "x,y:{z}[w] \"quoted\" \\ back\\slash \u{e9} \u{1f600} \n",
            "n": null,
            "t": true,
            "e": {},
            "l": [[], [[]], [{}], [1]],
            "deep": {"x": {"y": {"z": [true, false]}}}
        });
        let compact = serde_json::to_string(&v).unwrap();
        assert_eq!(pretty(&compact), serde_json::to_string_pretty(&v).unwrap());
        for scalar in ["1", "\"a\"", "null", "[]", "{}"] {
            assert_eq!(pretty(scalar), scalar);
        }
    }
}
