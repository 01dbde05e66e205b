#ifndef DUBAN_VERSION_H
#define DUBAN_VERSION_H
#define DUBAN_VERSION "0.1.0"
#endif
