import cliProgress from "cli-progress";

/** A progress bar on a terminal; plain lines elsewhere (CI logs). */
export function progressBar(label: string) {
  if (!process.stderr.isTTY) {
    let last = -1;
    return {
      update(done: number, total: number) {
        const pct = total ? Math.floor((done / total) * 100) : 100;
        if (pct === 100 || pct >= last + 25) {
          process.stderr.write(`${label}: ${done}/${total}\n`);
          last = pct;
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total}`,
      stream: process.stderr,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
