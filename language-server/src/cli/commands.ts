import { registerDiagram } from './diagram.js';
import { registerImport } from './import.js';
import { addCommand } from './main.js';
import { registerRoutes } from './routes.js';

// The commands that build on the route engine and the diagram.
addCommand(registerRoutes);
addCommand(registerDiagram);
addCommand(registerImport);
