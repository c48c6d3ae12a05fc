// Placeholder: the lab setup lands with test/lab.
export default function setup(): void {}
