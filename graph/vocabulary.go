package graph

import "strings"

// RelationType is a PLOVER event type, or Affiliation.
type RelationType string

// Quad is one of PLOVER's four quad classes.
type Quad string

// The quad classes.
const (
	VerbalCooperation   Quad = "VERBAL_COOPERATION"
	MaterialCooperation Quad = "MATERIAL_COOPERATION"
	VerbalConflict      Quad = "VERBAL_CONFLICT"
	MaterialConflict    Quad = "MATERIAL_CONFLICT"
)

// The relation types: PLOVER's sixteen event types and Affiliation.
const (
	Agree       RelationType = "AGREE"
	Consult     RelationType = "CONSULT"
	Support     RelationType = "SUPPORT"
	Concede     RelationType = "CONCEDE"
	Cooperate   RelationType = "COOPERATE"
	Aid         RelationType = "AID"
	Retreat     RelationType = "RETREAT"
	Request     RelationType = "REQUEST"
	Accuse      RelationType = "ACCUSE"
	Reject      RelationType = "REJECT"
	Threaten    RelationType = "THREATEN"
	Protest     RelationType = "PROTEST"
	Sanction    RelationType = "SANCTION"
	Mobilize    RelationType = "MOBILIZE"
	Coerce      RelationType = "COERCE"
	Assault     RelationType = "ASSAULT"
	Affiliation RelationType = "AFFILIATION" // a person's link to a state or organisation
)

// TypeInfo describes a relation type.
type TypeInfo struct {
	Type  RelationType
	CAMEO string // CAMEO root code
	Quad  Quad   // empty for Affiliation
	// Cooperation is a cooperation–conflict score on the Goldstein scale, -10 (most
	// conflictual) to +10 (most cooperative), for the type's typical event: the Goldstein value
	// of its CAMEO root (see CAMEORootTable).
	Cooperation float64
}

// Types lists every relation type, in PLOVER's order, Affiliation last. It is the whitelist that
// stores use wherever a type must become part of a query rather than a parameter. The quads are
// those of the PLOVER codebook (CONCEDE is verbal cooperation); the scores come from
// CAMEORootTable. It is the one vocabulary table: the server answers it as relationTypes, the
// explorer draws its legend from that answer, and exports describe their columns with it.
var Types = []TypeInfo{
	typeInfo(Agree, "03", VerbalCooperation),
	typeInfo(Consult, "04", VerbalCooperation),
	typeInfo(Support, "05", VerbalCooperation),
	typeInfo(Concede, "08", VerbalCooperation),
	typeInfo(Cooperate, "06", MaterialCooperation),
	typeInfo(Aid, "07", MaterialCooperation),
	typeInfo(Retreat, "08", MaterialCooperation),
	typeInfo(Request, "10", VerbalConflict),
	typeInfo(Accuse, "11", VerbalConflict),
	typeInfo(Reject, "12", VerbalConflict),
	typeInfo(Threaten, "13", VerbalConflict),
	typeInfo(Protest, "14", MaterialConflict),
	typeInfo(Sanction, "16", MaterialConflict),
	typeInfo(Mobilize, "15", MaterialConflict),
	typeInfo(Coerce, "17", MaterialConflict),
	typeInfo(Assault, "19", MaterialConflict),
	{Affiliation, "", "", 0},
}

func typeInfo(t RelationType, root string, q Quad) TypeInfo {
	r, _ := CAMEORootOf(root)
	return TypeInfo{Type: t, CAMEO: root, Quad: q, Cooperation: r.Goldstein}
}

// CAMEORoot is one of CAMEO's twenty cue categories.
type CAMEORoot struct {
	Code string // two digits
	Name string // CAMEO's name for it
	// Goldstein is the Goldstein-scale value of the root's own code (CAMEO's "not specified
	// below" code, such as 020), -10 to +10.
	Goldstein float64
	// Quad is the quad of the PLOVER type the root translates to (PLOVER's CAMEO to PLOVER
	// table), or, for the roots PLOVER drops (01 public statements, 02 appeals), CAMEO's own quad
	// class, verbal cooperation. It is empty for 08 (yield), which PLOVER splits: 081–083 are
	// CONCEDE (verbal cooperation), 084–087 RETREAT (material cooperation); see ClaimQuad.
	Quad Quad
}

// CAMEORootTable lists CAMEO's cue categories in order.
var CAMEORootTable = []CAMEORoot{
	{"01", "MAKE PUBLIC STATEMENT", 0.0, VerbalCooperation},
	{"02", "APPEAL", 3.0, VerbalCooperation},
	{"03", "EXPRESS INTENT TO COOPERATE", 4.0, VerbalCooperation},
	{"04", "CONSULT", 1.0, VerbalCooperation},
	{"05", "ENGAGE IN DIPLOMATIC COOPERATION", 3.5, VerbalCooperation},
	{"06", "ENGAGE IN MATERIAL COOPERATION", 6.0, MaterialCooperation},
	{"07", "PROVIDE AID", 7.0, MaterialCooperation},
	{"08", "YIELD", 5.0, ""},
	{"09", "INVESTIGATE", -2.0, VerbalConflict},
	{"10", "DEMAND", -5.0, VerbalConflict},
	{"11", "DISAPPROVE", -2.0, VerbalConflict},
	{"12", "REJECT", -4.0, VerbalConflict},
	{"13", "THREATEN", -6.0, VerbalConflict},
	{"14", "PROTEST", -6.5, MaterialConflict},
	{"15", "EXHIBIT FORCE POSTURE", -7.2, MaterialConflict},
	{"16", "REDUCE RELATIONS", -4.0, MaterialConflict},
	{"17", "COERCE", -7.0, MaterialConflict},
	{"18", "ASSAULT", -9.0, MaterialConflict},
	{"19", "FIGHT", -10.0, MaterialConflict},
	{"20", "USE UNCONVENTIONAL MASS VIOLENCE", -10.0, MaterialConflict},
}

// CAMEORootOf returns the root of a CAMEO code (its first two digits), and false if it has none.
func CAMEORootOf(code string) (CAMEORoot, bool) {
	if len(code) < 2 {
		return CAMEORoot{}, false
	}
	for _, r := range CAMEORootTable {
		if r.Code == code[:2] {
			return r, true
		}
	}
	return CAMEORoot{}, false
}

// ClaimCAMEO is a claim's CAMEO code: the one its extractor gave it for its predicate, or its
// type's root when it has none ("" for Affiliation).
func ClaimCAMEO(c Claim) string {
	if c.CAMEO != "" {
		return c.CAMEO
	}
	return c.Type.CAMEO()
}

// ClaimQuad is a claim's quad, which follows its CAMEO code rather than its type alone: an appeal
// (CAMEO 02) filed under REQUEST is verbal cooperation, where a demand (10) is verbal conflict.
// It is the quad of the code's root (see CAMEORoot.Quad); for 08, CONCEDE's quad for 081–083 and
// RETREAT's for 084–087; and the type's quad when the code says nothing more (080, or no code).
// Affiliation has none.
func ClaimQuad(c Claim) Quad {
	if c.Type == Affiliation {
		return ""
	}
	code := ClaimCAMEO(c)
	if r, ok := CAMEORootOf(code); ok && r.Quad != "" {
		return r.Quad
	}
	if strings.HasPrefix(code, "08") && len(code) >= 3 {
		switch {
		case code[2] >= '1' && code[2] <= '3':
			return Concede.Quad()
		case code[2] >= '4' && code[2] <= '7':
			return Retreat.Quad()
		}
	}
	return c.Type.Quad()
}

// ClaimGoldstein is a claim's Goldstein-scale score, which follows its CAMEO code: the value of
// the code's root, or its type's when it has no known code. Affiliation scores 0.
func ClaimGoldstein(c Claim) float64 {
	if c.Type == Affiliation {
		return 0
	}
	if r, ok := CAMEORootOf(ClaimCAMEO(c)); ok {
		return r.Goldstein
	}
	i, _ := c.Type.Info()
	return i.Cooperation
}

// Info returns the type's description, and false if t is not a known type.
func (t RelationType) Info() (TypeInfo, bool) {
	for _, i := range Types {
		if i.Type == t {
			return i, true
		}
	}
	return TypeInfo{}, false
}

// Valid reports whether t is a known relation type.
func (t RelationType) Valid() bool { _, ok := t.Info(); return ok }

// CAMEO is the type's CAMEO root code ("" for Affiliation).
func (t RelationType) CAMEO() string { i, _ := t.Info(); return i.CAMEO }

// CAMEORoots lists the CAMEO codes whose events the type covers: its own root, and the roots and
// codes PLOVER folds into it (investigate, 09, into ACCUSE; appeal, 02, into REQUEST; exhibit
// force posture, 18, mass violence, 20, and destroy property, 1712, into ASSAULT). A CAMEO code
// belongs to the type when one of these is its prefix. Affiliation has none.
func (t RelationType) CAMEORoots() []string {
	switch t {
	case Accuse:
		return []string{"11", "09"}
	case Request:
		return []string{"10", "02"}
	case Assault:
		return []string{"19", "18", "20", "1712"}
	case Affiliation:
		return nil
	}
	return []string{t.CAMEO()}
}

// Quad is the type's quad class ("" for Affiliation).
func (t RelationType) Quad() Quad { i, _ := t.Info(); return i.Quad }

// TypesOf returns the types of a quad class.
func TypesOf(q Quad) []RelationType {
	var out []RelationType
	for _, i := range Types {
		if i.Quad == q {
			out = append(out, i.Type)
		}
	}
	return out
}
