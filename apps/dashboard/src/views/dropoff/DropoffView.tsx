export default function View() {
  return <p>…</p>;
}
