// Registers the commands that build on the route engine and the diagram.
export {};
