/* Linked with one stage's whole library and core alone (CMakeLists.txt):
 * the link fails when that stage calls into another stage. */
int main(void) { return 0; }
