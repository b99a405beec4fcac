// `npx plop entity` adds an entity through every layer. The generator ships in the
// create-layered-service package; to change what it writes for this project, put a file with the
// same relative path as in its templates/entity/ folder under ./templates/entity/ here.
import { registerGenerators } from "create-layered-service/plop";

export default function plopfile(plop) {
  registerGenerators(plop);
}
