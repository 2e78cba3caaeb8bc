import { registerDiagram } from './diagram.js';
import { registerImport } from './import.js';
import { addCommand } from './main.js';
import { registerRoutes } from './routes.js';

// The commands that build on the route engine and the diagram.
addCommand(registerRoutes);
addCommand(registerDiagram);
addCommand(registerImport);

// azrs verify: compares the simulation with Azure's outputs (docs/verify.md).
import { registerVerify } from './verify.js';
addCommand(registerVerify);

// azrs trace (docs/semantics.md §6): paths both ways, --all-sites.
import { registerTrace } from './trace.js';
addCommand(registerTrace);

// What-if analyses: single failures and the difference between two versions.
import { registerDiff } from './diff.js';
import { registerFailover } from './failover.js';
addCommand(registerFailover);
addCommand(registerDiff);
