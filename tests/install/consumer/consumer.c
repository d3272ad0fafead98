/* Builds against an installed stakemap and uses a little of it. */
#include <stakemap.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
	sm_network *net;
	if (sm_network_new(&net, false) != SM_OK)
		return 1;
	if (sm_network_add_actor(NULL, net, "a", NULL, "ngo") != SM_OK ||
	    sm_network_add_actor(NULL, net, "b", NULL, "media") != SM_OK ||
	    sm_network_add_relationship(NULL, net, "a", "b", 0.5, NULL) != SM_OK)
		return 1;
	sm_summary s;
	if (sm_network_summarize(&s, net) != SM_OK || s.relationships != 1)
		return 1;
	sm_network_free(net);
	if (strcmp(sm_version(), SM_VERSION_STRING) != 0)
		return 1;
	printf("stakemap %s: ok\n", sm_version());
	return 0;
}
