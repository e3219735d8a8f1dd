// Drag and drop of cards onto themes, for the mouse. Every drop has an equal keyboard way
// (the "Tema" select on each card in the console's list), so nothing depends on dragging.

const TYPE = 'application/x-inspel-card';

/** Makes `node` draggable as the card `id`. */
export function dragCard(node, id) {
  node.draggable = true;
  node.addEventListener('dragstart', (e) => {
    e.dataTransfer.setData(TYPE, id);
    e.dataTransfer.effectAllowed = 'move';
    node.classList.add('is-dragging');
  });
  node.addEventListener('dragend', () => node.classList.remove('is-dragging'));
}

/** Lets cards be dropped on `zone`; `onDrop(id)` gets the card's id. */
export function dropZone(zone, onDrop) {
  const carries = (e) => [...(e.dataTransfer?.types || [])].includes(TYPE);
  zone.addEventListener('dragover', (e) => {
    if (!carries(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    zone.classList.add('is-over');
  });
  zone.addEventListener('dragleave', (e) => {
    if (!zone.contains(e.relatedTarget)) zone.classList.remove('is-over');
  });
  zone.addEventListener('drop', (e) => {
    zone.classList.remove('is-over');
    if (!carries(e)) return;
    e.preventDefault();
    const id = e.dataTransfer.getData(TYPE);
    if (id) onDrop(id);
  });
}
