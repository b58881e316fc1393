/** The one place use-cases read the time; tests move it with vi.setSystemTime. */
export const now = () => new Date();
