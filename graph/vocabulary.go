package graph

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
	// conflictual) to +10 (most cooperative), for the type's typical event.
	Cooperation float64
}

// Types lists every relation type, in PLOVER's order, Affiliation last. It is the whitelist that
// stores use wherever a type must become part of a query rather than a parameter.
var Types = []TypeInfo{
	{Agree, "03", VerbalCooperation, 4.0},
	{Consult, "04", VerbalCooperation, 1.0},
	{Support, "05", VerbalCooperation, 3.5},
	{Concede, "08", MaterialCooperation, 5.0},
	{Cooperate, "06", MaterialCooperation, 6.0},
	{Aid, "07", MaterialCooperation, 7.0},
	{Retreat, "08", MaterialCooperation, 5.0},
	{Request, "10", VerbalConflict, -2.0},
	{Accuse, "11", VerbalConflict, -2.0},
	{Reject, "12", VerbalConflict, -4.0},
	{Threaten, "13", VerbalConflict, -6.0},
	{Protest, "14", MaterialConflict, -6.5},
	{Sanction, "16", MaterialConflict, -5.0},
	{Mobilize, "15", MaterialConflict, -7.2},
	{Coerce, "17", MaterialConflict, -7.0},
	{Assault, "19", MaterialConflict, -10.0},
	{Affiliation, "", "", 0},
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
