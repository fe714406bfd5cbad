/* forms.c — which form a JSON file is (docs/language.md, "Import"), and the
 * policies in it, each with its name and, where an `id` holds them, its
 * vault, resource group and subscription.
 *
 *   [ ... ]                          az backup policy list; PowerShell (several)
 *   {"value": [ ... ]}               the REST list response
 *   {"$schema"..., "resources": ...} an ARM template, az group export
 *   {"properties": {...}, ...}       a REST body or GET response, az ... show
 *   {"SchedulePolicy": {...}, ...}   PowerShell's policy object
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bkpc/print.h"
#include "import_int.h"

static const char policy_type[] = "Microsoft.RecoveryServices/vaults/backupPolicies";

static BkpDiag *not_vm(Reader *R, const Node *at, const char *what)
{
    BkpDiag *g = imp_error(R, at, "%s is not an Azure VM policy: bkpc imports Azure VM backup policies only", what);
    bkp_diag_hint(R->D, g, R->dialect == DIALECT_PS
                               ? "list only those: Get-AzRecoveryServicesBackupProtectionPolicy -WorkloadType AzureVM"
                               : "list only those: az backup policy list --backup-management-type AzureIaasVM");
    return g;
}

/* The vault of a backup policy's id, and the policy's name in it:
 * /subscriptions/S/resourceGroups/RG/providers/Microsoft.RecoveryServices/vaults/V/backupPolicies/N
 * (segment names without regard to case, as ARM reads them). */
static bool parse_id(Reader *R, const Node *n, BkpVault *v, const char **name)
{
    const char *id = val_text(R, n, "id");
    if (!id)
        return false;
    static const char *const want[] = {"subscriptions", NULL, "resourceGroups", NULL, "providers",
                                       "Microsoft.RecoveryServices", "vaults", NULL, "backupPolicies", NULL};
    const char *seg[10];
    char *copy = bkp_arena_strdup(R->A, id), *save = NULL;
    int k = 0;
    bool ok = copy[0] == '/';
    for (char *t = strtok_r(copy, "/", &save); t && ok; t = strtok_r(NULL, "/", &save), k++)
        ok = k < 10 && (!want[k] || strcasecmp(t, want[k]) == 0) && (seg[k] = t, true);
    if (!ok || k != 10) {
        BkpDiag *g = imp_error(R, n, "not the id of a backup policy");
        bkp_diag_hint(R->D, g, "a policy's id is /subscriptions/SUB/resourceGroups/RG/providers/"
                      "Microsoft.RecoveryServices/vaults/VAULT/backupPolicies/NAME");
        return false;
    }
    v->subscription = seg[1];
    v->resource_group = seg[3];
    v->name = seg[7];
    *name = seg[9];
    return true;
}

/* Name and vault of a policy read whole, then added. `name` is its own
 * `name`; without one, the id's, or the file's (a file of one policy). */
static void finish(Reader *R, BkpPolicy *p, const Node *name, const Node *id, bool many, const Node *at)
{
    BkpVault v = {0};
    const char *id_name = NULL;
    if (id->v && !parse_id(R, id, &v, &id_name))
        return;
    if (name->v) {
        p->name = val_text(R, name, "policy name");
    } else if (id_name) {
        p->name = id_name;
    } else if (!many) {
        char *stem = bkp_source_stem(R->src);
        p->name = stem ? bkp_arena_strdup(R->A, stem) : "policy";
        free(stem);
    } else {
        imp_error(R, at, "missing: the policy's name (a file of several policies names each one)");
        return;
    }
    if (p->name)
        import_add(R, p, v.name ? &v : NULL, name->v ? name : id->v ? id : at);
}

/* The `properties` of a REST resource or ARM resource: an Azure VM policy? */
static bool rest_is_vm(Reader *R, const Node *props)
{
    Obj o;
    if (!obj_need(R, props, &o, "a policy's body is its `properties`"))
        return false;
    Node m = obj_get(R, &o, "backupManagementType");
    if (!m.v) {
        imp_error(R, &m, "missing: an Azure VM policy says `\"backupManagementType\": \"AzureIaasVM\"`");
        return false;
    }
    const char *s = val_string(R, &m);
    if (s && strcasecmp(s, "AzureIaasVM") != 0)
        not_vm(R, &m, bkp_arena_printf(R->A, "a policy of `%s`", s));
    return s && strcasecmp(s, "AzureIaasVM") == 0;
}

static BkpPolicy *new_policy(Reader *R)
{
    BkpPolicy *p = BKP_NEW(R->A, BkpPolicy);
    p->time = -1;
    return p;
}

/* A REST body or GET response, or one element of `az backup policy list`. */
static void read_resource(Reader *R, Obj *o, bool many)
{
    Node name = obj_get(R, o, "name"), id = obj_get(R, o, "id"), type = obj_get(R, o, "type");
    Node props = obj_get(R, o, "properties");
    const char *t = type.v ? val_string(R, &type) : NULL;
    if (t && strcasecmp(t, policy_type) != 0) {
        imp_error(R, &type, "a resource of type `%s`, not a backup policy (%s)", t, policy_type);
        return;
    }
    static const char *const ignored[] = {"location", "tags", "eTag", "systemData", "resourceGroup", NULL};
    bool ok = obj_close(R, o, ignored);
    if (!rest_is_vm(R, &props) || !ok)
        return;
    BkpPolicy *p = new_policy(R);
    if (read_rest_body(R, &props, p))
        finish(R, p, &name, &id, many, &o->n);
}

/* WorkloadType and BackupManagementType of a PowerShell policy: AzureVM
 * (1) each, and at least one of them there. */
static bool ps_is_vm(Reader *R, Obj *o)
{
    static const char *const keys[] = {"WorkloadType", "BackupManagementType"};
    bool seen = false;
    for (int i = 0; i < 2; i++) {
        Node k = obj_get(R, o, keys[i]);
        if (!k.v)
            continue;
        seen = true;
        bool vm = json_is_string(k.v) ? strcasecmp(json_string_value(k.v), "AzureVM") == 0
                                      : json_is_integer(k.v) && json_integer_value(k.v) == 1;
        if (!vm) {
            not_vm(R, &k, json_is_string(k.v) ? bkp_arena_printf(R->A, "a policy of `%s`", json_string_value(k.v))
                                              : bkp_arena_printf(R->A, "a policy of %s %s", keys[i], json_kind(k.v)));
            return false;
        }
    }
    if (!seen)
        imp_error(R, &o->n, "missing: an Azure VM policy of PowerShell says `\"WorkloadType\": \"AzureVM\"` "
                  "(or 1)");
    return seen;
}

/* Get-AzRecoveryServicesBackupProtectionPolicy | ConvertTo-Json. */
static void read_ps(Reader *R, Obj *o, bool many)
{
    R->dialect = DIALECT_PS;
    if (ps_is_vm(R, o)) {
        Node name = obj_get(R, o, "Name"), id = obj_get(R, o, "Id");
        BkpPolicy *p = new_policy(R);
        if (read_ps_body(R, o, p))
            finish(R, p, &name, &id, many, &o->n);
    }
    R->dialect = DIALECT_REST;
}

/* PowerShell's object, not a REST body without its `properties`. */
static bool looks_ps(Reader *R, const Obj *o)
{
    static const char *const marks[] = {"SnapshotRetentionInDays", "PolicySubType", "WorkloadType", "AzureBackupRGName"};
    for (int i = 0; i < 4; i++)
        if (obj_has(o, marks[i]))
            return true;
    Obj copy = *o;
    Node bm = obj_get(R, &copy, "BackupManagementType");
    return json_is_string(bm.v) && strcasecmp(json_string_value(bm.v), "AzureVM") == 0;
}

static void not_a_policy(Reader *R, const Node *n)
{
    BkpDiag *g = imp_error(R, n, "not a backup policy");
    bkp_diag_hint(R->D, g, "bkpc imports a REST body or GET response ({\"properties\": ...}), the output of "
                  "`az backup policy show` or `list`, of `Get-AzRecoveryServicesBackupProtectionPolicy | "
                  "ConvertTo-Json -Depth 10`, or an ARM template");
}

/* One policy, in any form but a template. */
static void read_item(Reader *R, const Node *n, bool many)
{
    Obj o;
    if (!obj_open(R, n, &o))
        return;
    if (obj_has(&o, "properties")) {
        read_resource(R, &o, many);
    } else if ((obj_has(&o, "SchedulePolicy") || obj_has(&o, "RetentionPolicy")) && looks_ps(R, &o)) {
        read_ps(R, &o, many);
    } else if (obj_has(&o, "schedulePolicy")) {
        BkpDiag *g = imp_error(R, n, "a policy's properties without `properties` around them");
        bkp_diag_hint(R->D, g, "write them as {\"properties\": {...}}, as the REST API and `az backup policy "
                      "create` take them");
    } else {
        not_a_policy(R, n);
    }
}

enum { MAX_ERRORS = 50 };      /* in one file, as the parser stops after 50 */

static void read_list(Reader *R, const Node *n)
{
    long len = arr_open(R, n);
    unsigned before = R->D->errors;
    if (len == 0)
        imp_error(R, n, "an empty list: no policy to import");
    for (long i = 0; i < len; i++) {
        Node e = arr_elem(R, n, (size_t)i);
        if (R->D->errors - before >= MAX_ERRORS) {
            imp_error(R, &e, "too many errors; stopping here");
            return;
        }
        read_item(R, &e, true);
    }
}

/* ---- ARM templates ---------------------------------------------------------------------- */

/* A string of the template, evaluated; NULL when it is not one (or cannot
 * be evaluated: reported). */
static const char *arm_string(Reader *R, Node *n)
{
    if (!json_is_string(n->v))
        return NULL;
    n->v = arm_eval(R, n, n->v);
    return json_is_string(n->v) ? json_string_value(n->v) : NULL;
}

/* `a/b`, in the arena. */
static const char *join(Reader *R, const char *a, const char *b)
{
    return a ? bkp_arena_printf(R->A, "%s/%s", a, b) : b;
}

static void read_arm_policy(Reader *R, Obj *o, const char *name, const Node *at)
{
    Node props = obj_get(R, o, "properties"), copy = obj_get(R, o, "copy");
    if (copy.v)
        imp_error(R, &copy, "a copy loop: bkpc reads one resource per policy");
    static const char *const ignored[] = {"apiVersion", "dependsOn", "location", "tags", "comments", "metadata",
                                          NULL};
    bool ok = obj_close(R, o, ignored) && !copy.v;
    const char *slash = strchr(name, '/');
    if (!slash || strchr(slash + 1, '/') || slash == name || !slash[1] || !bkp_string_printable(name)) {
        imp_error(R, at, "`%s` is not the name of a backup policy, VAULT/POLICY", name);
        return;
    }
    if (!rest_is_vm(R, &props) || !ok)
        return;
    BkpPolicy *p = new_policy(R);
    if (read_rest_body(R, &props, p)) {
        p->name = bkp_arena_strdup(R->A, slash + 1);    /* the vault's resource group is not in a template */
        import_add(R, p, NULL, at);
    }
}

/* The resources of a template (an array, or an object of symbolic names),
 * nested ones with their parents' type and name; how many policies. */
static int walk(Reader *R, const Node *res, const char *ptype, const char *pname)
{
    json_t *all = res->v;
    size_t n = json_is_array(all) ? json_array_size(all) : json_is_object(all) ? json_object_size(all) : 0;
    if (!json_is_array(all) && !json_is_object(all)) {
        imp_error(R, res, "expected the template's resources, found %s", json_kind(all));
        return 0;
    }
    int found = 0;
    void *it = json_is_object(all) ? json_object_iter(all) : NULL;
    for (size_t i = 0; i < n; i++) {
        Node r = it ? node_child(res, json_object_iter_key(it), json_object_iter_value(it)) : arr_elem(R, res, i);
        if (it)
            it = json_object_iter_next(all, it);
        Obj o;
        if (!json_is_object(r.v) || !obj_open(R, &r, &o))
            continue;   /* not a resource: nothing of ours */
        /* Only what matters is evaluated: another resource's expressions are
         * not ours to understand. */
        R->arm = false;
        Node t = obj_get(R, &o, "type"), nm = obj_get(R, &o, "name"), kids = obj_get(R, &o, "resources");
        R->arm = true;
        const char *type = arm_string(R, &t), *name;
        if (!type)
            continue;
        bool relative = ptype && !strchr(type, '/');
        const char *full_type = relative ? join(R, ptype, type) : type;
        bool ours = strcasecmp(full_type, policy_type) == 0;
        if ((!ours && !kids.v) || !(name = arm_string(R, &nm)))
            continue;
        const char *full_name = relative ? join(R, pname, name) : name;
        if (ours) {
            read_arm_policy(R, &o, full_name, &nm);
            found++;
        }
        if (kids.v)
            found += walk(R, &kids, full_type, full_name);
    }
    return found;
}

static void read_arm(Reader *R, Obj *o)
{
    Node params = obj_get(R, o, "parameters"), vars = obj_get(R, o, "variables");
    R->arm_params = json_is_object(params.v) ? params.v : NULL;
    R->arm_vars = json_is_object(vars.v) ? vars.v : NULL;
    R->arm = true;
    unsigned before = R->D->errors;
    Node res = obj_get(R, o, "resources");
    if (walk(R, &res, NULL, NULL) == 0 && R->D->errors == before)
        imp_error(R, &res, "no resource of type %s in this template", policy_type);
    R->arm = false;
}

void read_file(Reader *R, const Node *root)
{
    if (json_is_array(root->v)) {
        read_list(R, root);
        return;
    }
    Obj o;
    if (!obj_open(R, root, &o))
        return;
    if (obj_has(&o, "resources") && (obj_has(&o, "$schema") || obj_has(&o, "contentVersion"))) {
        read_arm(R, &o);
    } else if (obj_has(&o, "value") && !obj_has(&o, "properties")) {
        Node v = obj_get(R, &o, "value");
        read_list(R, &v);
    } else {
        read_item(R, root, false);
    }
}
