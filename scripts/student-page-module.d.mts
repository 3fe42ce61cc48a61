export declare const STUDENT_PAGE_STATIC_DIR: string;
export declare function buildStudentPage(root?: string): Promise<{
  fileName: string;
  publicPath: string;
  js: Uint8Array;
  sha256: string;
  css: string;
}>;
