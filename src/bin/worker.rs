//! Web Worker entry point. The simulation will move here (issue 5); until then the app runs the engine in
//! small chunks on the main thread. The panic hook is installed so a worker panic is never silent.

fn main() {
    funnel_lab::ui::panic::install_panic_hook();
}
