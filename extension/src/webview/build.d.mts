import type { BuildOptions } from 'esbuild';

export declare const webviewEntry: string;
export declare const webviewCss: string;
export declare const diagramStyleModule: string;
export declare function webviewBuildOptions(outdir: string, options?: { minify?: boolean; sourcemap?: boolean }): BuildOptions;
export declare function diagramCssText(): Promise<string>;
export declare function buildWebview(options?: { outdir?: string; minify?: boolean; sourcemap?: boolean }):
    Promise<{ script: string; styles: string[] }>;
